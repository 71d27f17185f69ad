package io.missive.core.pubsub;

/**
 * MQTT's topic rules (3.1.1, section 4.7): levels separated by {@code /}, {@code +} one level,
 * {@code #} the rest, both only as whole levels, {@code #} only last; topics beginning with
 * {@code $} are not matched by a filter beginning with a wildcard.
 */
public final class TopicFilter {

    private TopicFilter() {
    }

    /** A topic name a client may publish to: not empty, no wildcard, no NUL. */
    public static boolean isValidTopicName(String topic) {
        return topic != null && !topic.isEmpty() && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
                && topic.indexOf('\0') < 0;
    }

    /** A filter a client may subscribe with. */
    public static boolean isValidFilter(String filter) {
        if (filter == null || filter.isEmpty() || filter.indexOf('\0') >= 0) {
            return false;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                if (i != levels.length - 1) {
                    return false;
                }
            } else if (!level.equals("+") && (level.indexOf('+') >= 0 || level.indexOf('#') >= 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a valid filter matches a valid topic name. */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;   // also matches the parent level: "a/#" matches "a"
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
