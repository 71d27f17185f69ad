package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.Target;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.routing.CommitNotice;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The text of the cluster's commit feed (PostgreSQL notifications on {@value #CHANNEL}): what a
 * commit stored, or whose members it changed. Payloads stay under PostgreSQL's 8000-byte limit;
 * a large batch becomes several notifications of one transaction, which arrive together and in
 * order.
 * <pre>
 * m &lt;node&gt; &lt;conversation&gt;.&lt;seq&gt;.&lt;u|g|c&gt;&lt;id&gt; ...   messages to a user, a group, a channel
 * g &lt;node&gt; &lt;group&gt; &lt;0|1&gt;                                a group's members changed (1: deleted)
 * c &lt;node&gt; &lt;channel&gt;                                    a channel's subscribers changed
 * q &lt;node&gt; &lt;id&gt;[.r] ...                                  MQTT messages stored (.r: retained)
 * s &lt;node&gt; &lt;client id, URL-encoded&gt;                      an MQTT persistent session changed
 * </pre>
 * A part of a group or channel is named as the whole: a node only needs to know whether to read it.
 */
final class CommitNoticeCodec {

    static final String CHANNEL = "missive_commits";
    /** Below PostgreSQL's 8000 bytes, with room for the longest entry. */
    static final int MAX_PAYLOAD = 7_900;

    /** One notification of the feed. */
    sealed interface FeedEvent {
        String originNode();
    }

    record Messages(CommitNotice notice) implements FeedEvent {
        @Override
        public String originNode() {
            return notice.originNode();
        }
    }

    record GroupChange(String originNode, long groupId, boolean deleted) implements FeedEvent {
    }

    record ChannelChange(String originNode, long channelId) implements FeedEvent {
    }

    /** MQTT messages stored, by id, with whether each is retained (the row does not say). */
    record MqttMessages(String originNode, List<Long> ids, List<Boolean> retained) implements FeedEvent {
    }

    record MqttSession(String originNode, String clientId) implements FeedEvent {
    }

    private CommitNoticeCodec() {
    }

    /** The notifications that announce {@code stored}, in order. */
    static List<String> messages(String node, List<Message> stored) {
        return chunked("m " + node, stored.stream()
                .map(m -> m.conversationId() + "." + m.seq() + "." + recipients(m.target())).toList());
    }

    /** The notifications that announce stored MQTT messages (with their stored ids), in order. */
    static List<String> mqttMessages(String node, List<PubSubMessage> stored) {
        return chunked("q " + node, stored.stream().map(m -> m.storedId() + (m.retain() ? ".r" : "")).toList());
    }

    /** {@code head} and the entries, space-separated, in as many notifications as PostgreSQL's limit needs. */
    private static List<String> chunked(String head, List<String> entries) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(head);
        for (String entry : entries) {
            if (payload.length() + 1 + entry.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload = new StringBuilder(head);
            }
            payload.append(' ').append(entry);
        }
        if (payload.length() > head.length()) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /** A client id is at most 65,535 bytes in MQTT; the notification carries it only up to PostgreSQL's limit. */
    static Optional<String> mqttSession(String node, String clientId) {
        String payload = "s " + node + " " + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        return payload.length() <= MAX_PAYLOAD ? Optional.of(payload) : Optional.empty();
    }

    static String groupChange(String node, long groupId, boolean deleted) {
        return "g " + node + " " + groupId + " " + (deleted ? 1 : 0);
    }

    static String channelChange(String node, long channelId) {
        return "c " + node + " " + channelId;
    }

    /** The event a notification carries; empty for one this version does not know (a newer node's). */
    static Optional<FeedEvent> decode(String payload) {
        String[] parts = payload.split(" ");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return switch (parts[0]) {
                case "m" -> Optional.of(new Messages(new CommitNotice(parts[1], committed(parts))));
                case "g" -> Optional.of(new GroupChange(parts[1], Long.parseLong(parts[2]), "1".equals(parts[3])));
                case "c" -> Optional.of(new ChannelChange(parts[1], Long.parseLong(parts[2])));
                case "q" -> Optional.of(mqttMessages(parts));
                case "s" -> Optional.of(new MqttSession(parts[1], URLDecoder.decode(parts[2], StandardCharsets.UTF_8)));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<CommitNotice.Committed> committed(String[] parts) {
        List<CommitNotice.Committed> out = new ArrayList<>(parts.length - 2);
        for (int i = 2; i < parts.length; i++) {
            String[] place = parts[i].split("\\.");
            long id = Long.parseLong(place[2].substring(1));
            Target recipients = switch (place[2].charAt(0)) {
                case 'u' -> new Target.User(id);
                case 'g' -> new Target.Group(id);
                case 'c' -> new Target.Channel(id);
                default -> throw new IllegalArgumentException("unknown recipients " + place[2]);
            };
            out.add(new CommitNotice.Committed(Long.parseLong(place[0]), Long.parseLong(place[1]), recipients));
        }
        return out;
    }

    private static MqttMessages mqttMessages(String[] parts) {
        List<Long> ids = new ArrayList<>(parts.length - 2);
        List<Boolean> retained = new ArrayList<>(parts.length - 2);
        for (int i = 2; i < parts.length; i++) {
            boolean r = parts[i].endsWith(".r");
            ids.add(Long.parseLong(r ? parts[i].substring(0, parts[i].length() - 2) : parts[i]));
            retained.add(r);
        }
        return new MqttMessages(parts[1], ids, retained);
    }

    private static String recipients(Target target) {
        if (target instanceof Target.User user) {
            return "u" + user.uid();
        }
        long channel = target.channelId();
        return channel != 0 ? "c" + channel : "g" + target.groupId();
    }
}
