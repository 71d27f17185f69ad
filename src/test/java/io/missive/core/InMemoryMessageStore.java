package io.missive.core;

import io.missive.core.session.SerialExecutor;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.model.Target;
import io.missive.core.store.AppendListener;
import io.missive.core.store.GroupDirectory;
import io.missive.core.session.SerialExecutor;
import io.missive.core.store.MessageStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A message store in memory for unit tests of the core. Appends wait for {@link #commit()}
 * (the test plays the group commit), unless {@link #autoCommit} is on.
 */
public final class InMemoryMessageStore implements MessageStore {

    private final GroupDirectory groups;
    final List<Message> log = new ArrayList<>();
    final Map<String, Long> cursors = new HashMap<>();
    private final Map<String, Long> conversations = new HashMap<>();
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private final List<Object[]> uncommitted = new ArrayList<>();
    public boolean autoCommit = true;
    public boolean failWrites;
    /** Reads throw, as with the database down. */
    public boolean failReads;
    /** Pending pages read where nothing may block (a mailbox's turn on its event loop): must stay 0. */
    public int readsOnAnEventLoop;
    /** Messages {@link #pending} answered, over all its calls. */
    public int pendingAnswered;
    long now;

    InMemoryMessageStore(GroupDirectory groups) {
        this.groups = groups;
    }

    @Override
    public synchronized void append(MessageDraft draft, AppendListener listener) {
        uncommitted.add(new Object[]{draft, listener});
        if (autoCommit) {
            commit();
        }
    }

    /** Commits every waiting append, as the writer's transaction would. */
    public synchronized void commit() {
        List<Object[]> batch = new ArrayList<>(uncommitted);
        uncommitted.clear();
        for (Object[] a : batch) {
            MessageDraft d = (MessageDraft) a[0];
            AppendListener listener = (AppendListener) a[1];
            if (failWrites) {
                listener.failed(new IllegalStateException("disk on fire"));
                continue;
            }
            long conversation = conversationOf(d);
            long seq = lastSeq.merge(conversation, 1L, Long::sum);
            Message m = new Message(conversation, seq, d.id(), d.senderUid(), d.target(), d.payload(),
                    d.createdAtMillis(), d.expiresAtMillis());
            log.add(m);
            listener.stored(m);
        }
    }

    private long conversationOf(MessageDraft d) {
        String key;
        if (d.target() instanceof Target.User u) {
            key = "p:" + Math.min(u.uid(), d.senderUid()) + ":" + Math.max(u.uid(), d.senderUid());
            long id = conversations.computeIfAbsent(key, k -> (long) conversations.size() + 1);
            cursors.putIfAbsent(u.uid() + "@" + id, 0L);
            cursors.putIfAbsent(d.senderUid() + "@" + id, 0L);
            return id;
        }
        key = d.target().channelId() != 0 ? "c:" + d.target().channelId() : "g:" + d.target().groupId();
        return conversations.computeIfAbsent(key, k -> (long) conversations.size() + 1);
    }

    /** A member joins a group: their cursor starts at the group's newest message. */
    synchronized void joined(long uid, long groupId) {
        start(uid, "g:" + groupId);
    }

    /** A device subscribes to a channel: its cursor starts at the channel's newest message. */
    synchronized void subscribed(long uid, long channelId) {
        start(uid, "c:" + channelId);
    }

    private void start(long uid, String key) {
        long id = conversations.computeIfAbsent(key, k -> (long) conversations.size() + 1);
        cursors.put(uid + "@" + id, lastSeq.getOrDefault(id, 0L));
    }

    /** A device unsubscribes: it no longer follows the channel. */
    synchronized void unsubscribed(long uid, long channelId) {
        Long id = conversations.get("c:" + channelId);
        if (id != null) {
            cursors.remove(uid + "@" + id);
        }
    }

    @Override
    public synchronized List<Message> pending(long uid, Map<Long, Long> sent, int limit) {
        if (!SerialExecutor.mayBlockHere()) {
            readsOnAnEventLoop++;
        }
        if (failReads) {
            throw new IllegalStateException("database down");
        }
        List<Message> out = new ArrayList<>();
        for (Message m : log) {
            Long cursor = cursors.get(uid + "@" + m.conversationId());
            if (cursor == null || out.size() >= limit) {
                continue;
            }
            long after = Math.max(cursor, sent.getOrDefault(m.conversationId(), 0L));
            long[] listed = m.target().listedUids();
            boolean forMe = listed == null || java.util.Arrays.stream(listed).anyMatch(x -> x == uid);
            boolean memberStill = !(m.target() instanceof Target.Group g) || groups.members(g.groupId())
                    .map(s -> s.contains(uid)).orElse(false);
            if (m.seq() > after && m.senderUid() != uid && forMe && memberStill && !m.expiredAt(now)) {
                out.add(m);
            }
        }
        out.sort((a, b) -> a.conversationId() != b.conversationId()
                ? Long.compare(a.conversationId(), b.conversationId()) : Long.compare(a.seq(), b.seq()));
        pendingAnswered += out.size();
        return out;
    }

    @Override
    public synchronized void markDelivered(long uid, long conversationId, long seq) {
        cursors.merge(uid + "@" + conversationId, seq, Math::max);
    }

    @Override
    public synchronized int purgeExpired(long nowMillis) {
        int before = log.size();
        log.removeIf(m -> m.expiredAt(nowMillis));
        return before - log.size();
    }

    synchronized long cursor(long uid, long conversationId) {
        return cursors.getOrDefault(uid + "@" + conversationId, -1L);
    }
}
