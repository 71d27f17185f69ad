package io.missive.core;

import io.missive.core.model.MemberSet;
import io.missive.core.store.GroupDirectory;

import java.util.Objects;
import java.util.Optional;

/**
 * The one rule for "may this caller see or post to this group": its members may, and so may a
 * privileged caller (a business back end, an administrator, the system user), who reads and writes
 * every group. The core's publish check, the REST API and MQTT's IM requests all ask here, each
 * turning a refusal into its own answer.
 */
public final class GroupAccess {

    /** What a check found. */
    public enum Outcome {
        ALLOWED,
        NO_GROUP,
        NOT_A_MEMBER
    }

    /**
     * A check's outcome, with the group's members when the group exists.
     *
     * @param members the current members; null for {@link Outcome#NO_GROUP}
     */
    public record Decision(Outcome outcome, MemberSet members) {

        public boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }

    private final GroupDirectory groups;

    public GroupAccess(GroupDirectory groups) {
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    /** Whether {@code uid} may see or post to the group; may block on the directory. */
    public Decision check(long groupId, long uid, boolean privileged) {
        Optional<MemberSet> members = groups.members(groupId);
        if (members.isEmpty()) {
            return new Decision(Outcome.NO_GROUP, null);
        }
        return decide(members.get(), uid, privileged);
    }

    /**
     * {@link #check} from the cached members alone, never blocking; empty when the check would have to
     * read them (a group not cached, or none: only a read tells that it does not exist).
     */
    public Optional<Decision> checkAtHand(long groupId, long uid, boolean privileged) {
        return groups.membersAtHand(groupId).map(members -> decide(members, uid, privileged));
    }

    private static Decision decide(MemberSet members, long uid, boolean privileged) {
        boolean allowed = privileged || members.contains(uid);
        return new Decision(allowed ? Outcome.ALLOWED : Outcome.NOT_A_MEMBER, members);
    }
}
