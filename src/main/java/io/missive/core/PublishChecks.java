package io.missive.core;

import io.missive.core.model.MemberSet;
import io.missive.core.model.Target;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.UserDirectory;

import java.util.Arrays;

/**
 * What a publish must pass before it is stored: the payload's size, the recipient's existence, a
 * channel's subscribers, the group's access rule. Answers the target as it will be stored (a part of
 * a group or channel reduced to its members or subscribers).
 */
final class PublishChecks {

    private final UserDirectory users;
    private final ChannelDirectory channels;
    private final GroupAccess groupAccess;
    private final CoreSettings settings;

    PublishChecks(UserDirectory users, ChannelDirectory channels, GroupAccess groupAccess, CoreSettings settings) {
        this.users = users;
        this.channels = channels;
        this.groupAccess = groupAccess;
        this.settings = settings;
    }

    /**
     * Whether {@link #check} answers {@code target} without reading anything (a private message to a
     * user already known), so that it may run where nothing may block.
     */
    boolean checksWithoutBlocking(Target target) {
        return target instanceof Target.User user && users.knownToExist(user.uid());
    }

    Target check(long senderUid, boolean membersOnly, Target target, byte[] payload) throws Refused {
        if (payload.length > settings.maxPayloadBytes()) {
            throw new Refused(Refusal.PAYLOAD_TOO_LARGE,
                    "payload of " + payload.length + " bytes; the limit is " + settings.maxPayloadBytes());
        }
        if (target instanceof Target.User user) {
            if (user.uid() == senderUid) {
                throw new Refused(Refusal.NOT_ALLOWED, "a private message to oneself");
            }
            if (!users.exists(user.uid())) {
                throw new Refused(Refusal.UNKNOWN_RECIPIENT, "no user " + user.uid());
            }
            return target;
        }
        if (target instanceof Target.Channel channel) {
            if (channels.subscribers(channel.channelId()).size() == 0) {
                throw new Refused(Refusal.NO_SUBSCRIBER, "no subscriber on channel " + channel.channelId());
            }
            return target;
        }
        if (target instanceof Target.ChannelPart part) {
            MemberSet subscribers = channels.subscribers(part.channelId());
            long[] listed = Arrays.stream(part.uids()).filter(subscribers::contains).toArray();
            if (listed.length == 0) {
                throw new Refused(Refusal.NO_SUBSCRIBER, "none of " + Arrays.toString(part.uids())
                        + " is subscribed to channel " + part.channelId());
            }
            return new Target.ChannelPart(part.channelId(), listed);
        }
        MemberSet members = membersFor(senderUid, membersOnly, target.groupId());
        if (target instanceof Target.GroupPart part) {
            long[] listedMembers = Arrays.stream(part.uids()).filter(members::contains).toArray();
            return new Target.GroupPart(part.groupId(), listedMembers);
        }
        return target;
    }

    private MemberSet membersFor(long senderUid, boolean membersOnly, long groupId) throws Refused {
        GroupAccess.Decision access = groupAccess.check(groupId, senderUid, !membersOnly);
        return switch (access.outcome()) {
            case ALLOWED -> access.members();
            case NO_GROUP -> throw new Refused(Refusal.UNKNOWN_GROUP, "no group " + groupId);
            case NOT_A_MEMBER -> throw new Refused(Refusal.NOT_A_MEMBER, "uid " + senderUid + " is not in group " + groupId);
        };
    }

    /** A refusal found while checking a publish. */
    static final class Refused extends Exception {
        final Refusal refusal;

        Refused(Refusal refusal, String detail) {
            super(detail, null, false, false);
            this.refusal = refusal;
        }
    }
}
