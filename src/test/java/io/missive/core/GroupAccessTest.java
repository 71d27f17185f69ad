package io.missive.core;

import io.missive.core.model.MemberSet;
import io.missive.core.store.GroupDirectory;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class GroupAccessTest {

    private static final long GROUP = 7;
    private final GroupDirectory directory = new GroupDirectory() {
        @Override
        public Optional<MemberSet> members(long id) {
            return id == GROUP ? Optional.of(MemberSet.of(10, 11)) : Optional.empty();
        }

        @Override
        public Optional<MemberSet> membersAtHand(long id) {
            return Optional.empty();
        }
    };
    private final GroupAccess access = new GroupAccess(directory);

    @Test
    void aMemberMaySeeAndPostWithTheMembers() {
        GroupAccess.Decision decision = access.check(GROUP, 10, false);
        assertThat(decision.outcome()).isEqualTo(GroupAccess.Outcome.ALLOWED);
        assertThat(decision.members().contains(11)).isTrue();
    }

    @Test
    void someoneElseMayNot() {
        assertThat(access.check(GROUP, 12, false).outcome()).isEqualTo(GroupAccess.Outcome.NOT_A_MEMBER);
        assertThat(access.check(GROUP, 12, false).allowed()).isFalse();
    }

    @Test
    void aPrivilegedCallerMayWithoutBeingAMember() {
        assertThat(access.check(GROUP, MessagingCore.SYSTEM_UID, true).allowed()).isTrue();
        assertThat(access.check(GROUP, 0, true).members().size()).isEqualTo(2);
    }

    @Test
    void noGroupIsNoGroupForEveryone() {
        assertThat(access.check(99, 10, false).outcome()).isEqualTo(GroupAccess.Outcome.NO_GROUP);
        assertThat(access.check(99, 0, true).outcome()).isEqualTo(GroupAccess.Outcome.NO_GROUP);
    }
}
