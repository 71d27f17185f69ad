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
     * @param mayBlock whether the checks may read the directories; where they may not (an event loop),
     *                 what is not cached ends the check with {@link WouldBlock}, to be made again elsewhere
     */
    Target check(long senderUid, boolean membersOnly, Target target, byte[] payload, boolean mayBlock)
            throws Refused, WouldBlock {
        if (payload.length > settings.maxPayloadBytes()) {
            throw new Refused(Refusal.PAYLOAD_TOO_LARGE,
                    "payload of " + payload.length + " bytes; the limit is " + settings.maxPayloadBytes());
        }
        if (target instanceof Target.User user) {
            if (user.uid() == senderUid) {
                throw new Refused(Refusal.NOT_ALLOWED, "a private message to oneself");
            }
            if (!mayBlock && !users.knownToExist(user.uid())) {
                throw WouldBlock.INSTANCE;
            }
            if (!users.exists(user.uid())) {
                throw new Refused(Refusal.UNKNOWN_RECIPIENT, "no user " + user.uid());
            }
            return target;
        }
        if (target instanceof Target.Channel channel) {
            if (subscribers(channel.channelId(), mayBlock).size() == 0) {
                throw new Refused(Refusal.NO_SUBSCRIBER, "no subscriber on channel " + channel.channelId());
            }
            return target;
        }
        if (target instanceof Target.ChannelPart part) {
            MemberSet subscribers = subscribers(part.channelId(), mayBlock);
            long[] listed = Arrays.stream(part.uids()).filter(subscribers::contains).toArray();
            if (listed.length == 0) {
                throw new Refused(Refusal.NO_SUBSCRIBER, "none of " + Arrays.toString(part.uids())
                        + " is subscribed to channel " + part.channelId());
            }
            return new Target.ChannelPart(part.channelId(), listed);
        }
        MemberSet members = membersFor(senderUid, membersOnly, target.groupId(), mayBlock);
        if (target instanceof Target.GroupPart part) {
            long[] listedMembers = Arrays.stream(part.uids()).filter(members::contains).toArray();
            return new Target.GroupPart(part.groupId(), listedMembers);
        }
        return target;
    }

    private MemberSet subscribers(long channelId, boolean mayBlock) throws WouldBlock {
        if (mayBlock) {
            return channels.subscribers(channelId);
        }
        return channels.subscribersAtHand(channelId).orElseThrow(() -> WouldBlock.INSTANCE);
    }

    private MemberSet membersFor(long senderUid, boolean membersOnly, long groupId, boolean mayBlock)
            throws Refused, WouldBlock {
        GroupAccess.Decision access = mayBlock ? groupAccess.check(groupId, senderUid, !membersOnly)
                : groupAccess.checkAtHand(groupId, senderUid, !membersOnly).orElseThrow(() -> WouldBlock.INSTANCE);
        return switch (access.outcome()) {
            case ALLOWED -> access.members();
            case NO_GROUP -> throw new Refused(Refusal.UNKNOWN_GROUP, "no group " + groupId);
            case NOT_A_MEMBER -> throw new Refused(Refusal.NOT_A_MEMBER, "uid " + senderUid + " is not in group " + groupId);
        };
    }

    /** The checks need a read where nothing may block: they are to be made again where it may. */
    static final class WouldBlock extends Exception {
        static final WouldBlock INSTANCE = new WouldBlock();

        private WouldBlock() {
            super("the checks would read the directory", null, false, false);
        }
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
