package io.missive.mqtt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicRulesTest {

    private final TopicRules rules = TopicRules.parse("readwrite users/%u/#, read public/#, write drop/%c, readwrite t/+/x");

    @Test
    void theDefaultRulesKeepEachUserToTheirOwnTopicsAndPublic() {
        TopicRules users = TopicRules.parse(TopicRules.DEFAULT_USERS);
        assertThat(users.maySubscribe("users/alice/#", "alice", 7)).isTrue();
        assertThat(users.mayPublish("users/alice/x", "alice", 7)).isTrue();
        assertThat(users.maySubscribe("users/bob/#", "alice", 7)).isFalse();
        assertThat(users.mayPublish("users/bob/x", "alice", 7)).isFalse();
        assertThat(users.maySubscribe("#", "alice", 7)).isFalse();
        assertThat(users.maySubscribe("+/+/#", "alice", 7)).isFalse();
        assertThat(users.maySubscribe("public/#", "alice", 7)).isTrue();
        assertThat(users.mayPublish("public/news", "alice", 7)).isTrue();

        TopicRules anonymous = TopicRules.parse(TopicRules.DEFAULT_ANONYMOUS);
        assertThat(anonymous.maySubscribe("public/#", null, 0)).isTrue();
        assertThat(anonymous.mayPublish("public/news", null, 0)).isFalse();
        assertThat(anonymous.maySubscribe("#", null, 0)).isFalse();
        assertThat(users.maySubscribe("users/null/#", null, 0)).isFalse();   // %u names no anonymous client
    }

    @Test
    void theUsersNameAndUidAreFilledIn() {
        assertThat(rules.mayPublish("users/alice/a", "alice", 7)).isTrue();
        assertThat(rules.mayPublish("users/bob/a", "alice", 7)).isFalse();
        assertThat(rules.mayPublish("drop/7", "alice", 7)).isTrue();
        assertThat(rules.mayPublish("drop/8", "alice", 7)).isFalse();
        assertThat(rules.maySubscribe("drop/7", "alice", 7)).isFalse();   // write only
        assertThat(rules.mayPublish("public/news", "alice", 7)).isFalse(); // read only
        assertThat(rules.maySubscribe("public/news", "alice", 7)).isTrue();
    }

    @Test
    void aFiltersWildcardsAreTakenLiterally() {
        assertThat(rules.maySubscribe("users/alice/+/b", "alice", 7)).isTrue();
        assertThat(rules.maySubscribe("users/+/b", "alice", 7)).isFalse();
        assertThat(rules.maySubscribe("users/#", "alice", 7)).isFalse();
        assertThat(rules.maySubscribe("t/+/x", "alice", 7)).isTrue();
        assertThat(rules.maySubscribe("#", "alice", 7)).isFalse();
    }

    @Test
    void aNameThatCouldActAsAWildcardMatchesNoPersonalRule() {
        assertThat(rules.mayPublish("users/a+b/x", "a+b", 7)).isFalse();
        assertThat(rules.mayPublish("users/a/b/x", "a/b", 7)).isFalse();
    }

    @Test
    void malformedRulesAreRefusedWithTheirText() {
        assertThatThrownBy(() -> TopicRules.parse("readwrite")).hasMessageContaining("'readwrite'");
        assertThatThrownBy(() -> TopicRules.parse("all #")).hasMessageContaining("unknown access 'all'");
        assertThatThrownBy(() -> TopicRules.parse("read a/#/b")).hasMessageContaining("not a topic filter");
    }
}
