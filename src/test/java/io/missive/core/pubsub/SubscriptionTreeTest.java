package io.missive.core.pubsub;

import io.missive.core.session.SerialExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTreeTest {

    private final SubscriptionTree tree = new SubscriptionTree();

    private static PubSubSession session(String id) {
        return new PubSubSession(id, "u", false, new SerialExecutor(Runnable::run), null,
                new PubSubSettings(20, 100, 1_000, 100_000, 100_000, 256L << 20), false);
    }

    @Test
    void oneSessionWithOverlappingFiltersGetsTheHighestQosOnce() {
        PubSubSession a = session("a");
        tree.add("home/+/temp", a, 0);
        tree.add("home/#", a, 2);
        tree.add("home/kitchen/temp", a, 1);
        assertThat(tree.match("home/kitchen/temp")).containsExactly(Map.entry(a, 2));
    }

    @Test
    void removedSubscriptionsNoLongerMatch() {
        PubSubSession a = session("a");
        PubSubSession b = session("b");
        tree.add("x/#", a, 1);
        tree.add("x/#", b, 1);
        tree.remove("x/#", a);
        assertThat(tree.match("x/y").keySet()).containsExactly(b);
    }

    @Test
    void removingTheLastSubscriptionLeavesNoNodeBehind() {
        PubSubSession a = session("a");
        tree.add("x/y/z", a, 1);
        tree.add("x/#", a, 1);
        tree.remove("x/y/z", a);
        assertThat(tree.isEmpty()).isFalse();
        assertThat(tree.match("x/y/z").keySet()).containsExactly(a);
        tree.remove("x/#", a);
        assertThat(tree.isEmpty()).isTrue();
    }

    @Test
    void agreesWithTheFilterRulesOnRandomTopics() {
        List<String> filters = List.of("#", "+", "a", "a/#", "a/+", "+/b", "a/b", "+/+", "a/+/c", "/#", "+/#", "$SYS/#",
                "a//c", "a/+/+/#");
        List<String> levels = List.of("a", "b", "c", "", "$SYS");
        Random random = new Random(5);
        for (String filter : filters) {
            tree.add(filter, session(filter), 1);
        }
        for (int i = 0; i < 2000; i++) {
            StringBuilder topic = new StringBuilder(levels.get(random.nextInt(levels.size())));
            int depth = random.nextInt(4);
            for (int d = 0; d < depth; d++) {
                topic.append('/').append(levels.get(random.nextInt(levels.size() - 1)));
            }
            String t = topic.toString();
            if (t.isEmpty()) {
                continue;
            }
            List<String> expected = filters.stream().filter(f -> TopicFilter.matches(f, t)).sorted().toList();
            List<String> found = tree.match(t).keySet().stream().map(PubSubSession::clientId).sorted().toList();
            assertThat(found).as(t).isEqualTo(expected);
        }
    }
}
