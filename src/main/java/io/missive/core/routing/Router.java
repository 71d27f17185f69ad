package io.missive.core.routing;

import io.missive.core.model.MemberSet;
import io.missive.core.model.Message;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.session.SessionRegistry;
import io.missive.core.store.ChannelDirectory;
import io.missive.core.store.Directories;
import io.missive.core.store.GroupDirectory;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Fans a committed message out to the live sessions of its recipients. It only hands the
 * message to each session's mailbox, so a 10,000-member group costs 10,000 queue insertions
 * and no socket write on this thread, and it reads no member set here: one that is not cached is
 * read on another thread ({@link RecipientReads}). Offline recipients get it from the store when
 * they connect.
 */
public final class Router implements LocalDelivery {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final SessionRegistry sessions;
    private final GroupDirectory groups;
    private final ChannelDirectory channels;
    private final ClusterRelay relay;
    private final RecipientReads reads;

    /** {@code reads} is where member sets that are not cached are read: a pool whose threads may block. */
    public Router(SessionRegistry sessions, Directories directories, ClusterRelay relay, Executor reads) {
        this.sessions = sessions;
        this.groups = directories.groups();
        this.channels = directories.channels();
        this.relay = relay;
        this.reads = new RecipientReads(reads, new RecipientReads.Delivery() {
            @Override
            public Optional<MemberSet> read(Message message) {
                return recipientSet(message.target());
            }

            @Override
            public void deliver(Message message, long originSessionId, Optional<MemberSet> recipients) {
                Consumer<ClientSession> give = session -> session.offer(message);
                recipients.ifPresent(set -> set.forEach(uid -> offer(uid, originSessionId, give)));
            }

            @Override
            public void unreadable(Message message, RuntimeException cause) {
                recipientsUnreadable(message, cause);
            }
        });
    }

    /** Binds the relay to this node's sessions; once, before the first message is routed. */
    public void start() {
        relay.bind(this);
    }

    /**
     * Routes a message this node committed, through the relay: here, and to the other nodes.
     * {@code originSessionId} is skipped (0 for none).
     */
    public void route(Message message, long originSessionId) {
        relay.committed(message, originSessionId);
    }

    @Override
    public void deliver(Message message, long originSessionId) {
        deliverHere(message, originSessionId);
    }

    @Override
    public boolean mayReceive(Target target) {
        if (target instanceof Target.User user) {
            return sessions.isOnline(user.uid());
        }
        if (target.listedUids() != null) {
            for (long uid : target.listedUids()) {
                if (sessions.isOnline(uid)) {
                    return true;
                }
            }
            return false;
        }
        return sessions.count() > 0;
    }

    @Override
    public void resyncAll() {
        sessions.forEach(ClientSession::resync);
    }

    /**
     * Delivers to this node's sessions only. When the recipients cannot be loaded (the database down
     * as a group's member set is read), every session here reads the store again before it sends
     * anything newer: any of them may be a recipient, and a session that went on live past the
     * message would let its cursor move over it.
     */
    public void deliverHere(Message message, long originSessionId) {
        Target target = message.target();
        if (target instanceof Target.Group || target instanceof Target.Channel) {
            reads.route(message, originSessionId, m -> recipientSetAtHand(m.target()));
        } else {
            forEachRecipientSession(message, originSessionId, session -> session.offer(message));
        }
    }

    private void recipientsUnreadable(Message message, RuntimeException cause) {
        LOG.warning(() -> "MSV1016 Could not find the recipients of message " + message.id() + " in conversation "
                + message.conversationId() + "; every session here reads the store again: " + cause);
        resyncAll();
    }

    /** A group's or a channel's set, read if need be (empty: no such group). */
    private Optional<MemberSet> recipientSet(Target target) {
        if (target instanceof Target.Group group) {
            return groups.members(group.groupId());
        }
        return Optional.of(channels.subscribers(((Target.Channel) target).channelId()));
    }

    private Optional<MemberSet> recipientSetAtHand(Target target) {
        if (target instanceof Target.Group group) {
            return groups.membersAtHand(group.groupId());
        }
        return channels.subscribersAtHand(((Target.Channel) target).channelId());
    }

    /** Conversations whose routes wait for their recipients to be read. */
    public int conversationsAwaitingRecipients() {
        return reads.waitingConversations();
    }

    /** How many of this node's sessions receive {@code message}, {@code originSessionId} aside. May read a member set. */
    public int onlineRecipients(Message message, long originSessionId) {
        int[] count = new int[1];
        forEachRecipientSession(message, originSessionId, session -> count[0]++);
        return count[0];
    }

    private void forEachRecipientSession(Message message, long originSessionId, Consumer<ClientSession> action) {
        Target target = message.target();
        if (target instanceof Target.User user) {
            offer(user.uid(), originSessionId, action);
        } else if (target instanceof Target.Group || target instanceof Target.Channel) {
            recipientSet(target).ifPresent(members -> members.forEach(uid -> offer(uid, originSessionId, action)));
        } else {
            for (long uid : target.listedUids()) {
                offer(uid, originSessionId, action);
            }
        }
    }

    private void offer(long uid, long originSessionId, Consumer<ClientSession> action) {
        for (ClientSession session : sessions.sessionsOf(uid)) {
            if (session.id() != originSessionId && session.receives()) {
                action.accept(session);
            }
        }
    }
}
