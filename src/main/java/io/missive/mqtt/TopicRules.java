package io.missive.mqtt;

import io.missive.core.pubsub.TopicFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where logged-in users may publish and subscribe, as configured ({@code missive.mqtt.topic-rules}):
 * comma-separated rules {@code <read|write|readwrite> <pattern>}, the pattern a topic filter in
 * which {@code %u} stands for the user's name and {@code %c} for the uid, as in Mosquitto's ACL
 * file. A publish is allowed when a write pattern matches its topic; a subscription when a read
 * pattern matches its filter, the filter's own wildcards taken literally (so {@code a/#} covers
 * {@code a/+/b}, but {@code users/%u/#} does not cover {@code users/+/b}).
 */
public final class TopicRules {

    /**
     * Logged-in users' rules unless configured: each user's own {@code users/<name>/} topics and a
     * shared {@code public/} space; no user reads another's topics (Mosquitto's and EMQX's users
     * expect an ACL, not an open broker, once there are accounts).
     */
    public static final String DEFAULT_USERS = "readwrite users/%u/#, readwrite public/#";
    /** Anonymous clients' rules unless configured (where anonymous clients are allowed at all): reading {@code public/}. */
    public static final String DEFAULT_ANONYMOUS = "read public/#";

    private record Rule(boolean read, boolean write, String pattern) {
    }

    private final List<Rule> rules;

    private TopicRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** Parses the setting's value; throws IllegalArgumentException naming the bad rule. */
    public static TopicRules parse(String value) {
        List<Rule> rules = new ArrayList<>();
        for (String entry : value.split(",")) {
            String rule = entry.trim();
            if (rule.isEmpty()) {
                continue;
            }
            String[] parts = rule.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("a topic rule is '<read|write|readwrite> <pattern>', not '" + rule + "'");
            }
            String access = parts[0].toLowerCase(Locale.ROOT);
            if (!access.equals("read") && !access.equals("write") && !access.equals("readwrite")) {
                throw new IllegalArgumentException("unknown access '" + parts[0] + "' in topic rule '" + rule + "'");
            }
            String probe = parts[1].replace("%u", "u").replace("%c", "1");
            if (!TopicFilter.isValidFilter(probe)) {
                throw new IllegalArgumentException("not a topic filter in topic rule '" + rule + "'");
            }
            rules.add(new Rule(access.startsWith("read"), access.endsWith("write"), parts[1]));
        }
        return new TopicRules(List.copyOf(rules));
    }

    public boolean mayPublish(String topic, String username, long uid) {
        return allowed(topic, username, uid, false);
    }

    public boolean maySubscribe(String filter, String username, long uid) {
        return allowed(filter, username, uid, true);
    }

    private boolean allowed(String topicOrFilter, String username, long uid, boolean read) {
        for (Rule rule : rules) {
            if (read ? !rule.read() : !rule.write()) {
                continue;
            }
            String pattern = fill(rule.pattern(), username, uid);
            if (pattern != null && TopicFilter.matches(pattern, topicOrFilter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pattern for this user; null when the name cannot stand in a topic level (it holds / + or #),
     * and for an anonymous client (null name) when the pattern names the user.
     */
    private static String fill(String pattern, String username, long uid) {
        if (username == null) {
            return pattern.contains("%u") || pattern.contains("%c") ? null : pattern;
        }
        if (pattern.contains("%u")) {
            if (username.contains("/") || username.contains("+") || username.contains("#")) {
                return null;
            }
            pattern = pattern.replace("%u", username);
        }
        return pattern.replace("%c", Long.toString(uid));
    }
}
