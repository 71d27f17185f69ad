package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageDraft;
import io.missive.core.store.AppendListener;
import io.missive.core.stats.MessagingObserver;
import io.missive.core.store.MessageStore;
import io.missive.repository.StoreWriter;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import io.missive.config.StoreSettings;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The message store with group commit: publishes from every session queue up, and one writer
 * thread stores whatever has gathered in one commit, so that concurrent publishes share it.
 * Listeners hear of each message after its commit, in commit order. Cursor updates are coalesced
 * in memory and ride along with the next batch.
 */
@ApplicationScoped
public class JdbcMessageStore implements MessageStore, StoreWriter {

    private static final Logger LOG = Logger.getLogger(JdbcMessageStore.class.getName());

    @Inject
    private MessageLog log;

    @Inject
    private MessageLogReads reads;

    @Inject
    private MessagingObserver observer;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private StoreSettings settings;

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    /** The writer thread's own connection; see {@link HeldConnection}. */
    private HeldConnection connection;

    private GroupCommitWriter<Append> writer;
    private final ConcurrentHashMap<CursorKey, Long> cursors = new ConcurrentHashMap<>();
    /**
     * Cursors acknowledged and not known to be committed (still queued in {@link #cursors}, or in the
     * batch being written): {@link #pending} reads past them, so that a client reconnecting at once
     * is not sent again what it has just acknowledged.
     */
    private final ConcurrentHashMap<CursorKey, Long> uncommitted = new ConcurrentHashMap<>();
    /** Conversation ids by key; written by the writer thread only after a commit. */
    private final ConcurrentHashMap<ConversationKey, Long> conversations = new ConcurrentHashMap<>();

    private record Append(MessageDraft draft, AppendListener listener) {
    }

    @PostConstruct
    void start() {
        connection = new HeldConnection(dataSource);
        writer = new GroupCommitWriter<>("missive-store-writer", threads, settings, this::writeTurn,
                () -> !cursors.isEmpty());
        writer.start();
    }

    @PreDestroy
    void stop() {
        writer.stop();
        connection.close();   // the writer has ended: its connection is no one's now
    }

    /** Whether the group-commit writer runs: publishes can be committed. */
    public boolean isWriting() {
        return writer != null && writer.isRunning();
    }

    @Override
    public void append(MessageDraft draft, AppendListener listener) {
        if (!writer.offer(new Append(draft, listener), draft.payload().length)) {
            listener.failed(new IllegalStateException("the store's write queue is full or closed"));
        }
    }

    @Override
    public List<Message> pending(long uid, Map<Long, Long> sentSeqByConversation, int limit) {
        Map<Long, Long> after = sentSeqByConversation;
        for (Map.Entry<CursorKey, Long> e : uncommitted.entrySet()) {
            if (e.getKey().uid() == uid) {
                if (after == sentSeqByConversation) {
                    after = new HashMap<>(sentSeqByConversation);
                }
                after.merge(e.getKey().conversationId(), e.getValue(), Math::max);
            }
        }
        try {
            return reads.pending(uid, after, limit, System.currentTimeMillis());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void markDelivered(long uid, long conversationId, long seq) {
        CursorKey key = new CursorKey(uid, conversationId);
        uncommitted.merge(key, seq, Math::max);
        cursors.merge(key, seq, Math::max);
        writer.wake();
    }

    @Override
    public int purgeExpired(long nowMillis) {
        try {
            return reads.purgeExpired(nowMillis);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void forgetDeletedGroup(@Observes(during = TransactionPhase.AFTER_SUCCESS) GroupChanged change) {
        if (change.deleted()) {
            conversations.keySet().removeIf(key -> key.groupId() == change.groupId());
        }
    }

    /** One turn of the writer: the appends gathered, with the cursors acknowledged meanwhile. */
    private void writeTurn(List<Append> batch) {
        List<MessageLog.CursorUpdate> cursorBatch = takeCursors();
        if (!batch.isEmpty() || !cursorBatch.isEmpty()) {
            write(batch, cursorBatch);
        }
    }

    private void write(List<Append> batch, List<MessageLog.CursorUpdate> cursorBatch) {
        // Only what this batch creates is collected: no copy of every known conversation per batch.
        Map<ConversationKey, Long> resolved = new HashMap<>();
        List<MessageDraft> drafts = batch.stream().map(Append::draft).toList();
        try {
            HeldConnection.Work<List<MessageLog.Written>> work =
                    c -> log.write(c, drafts, conversations, resolved, cursorBatch);
            List<MessageLog.Written> stored = log.needsTransaction() ? connection.run(work)
                    : connection.runAutoCommit(work);
            if (!drafts.isEmpty()) {
                observer.batchCommitted(drafts.size());
            }
            conversations.putAll(resolved);
            // a newer acknowledgement of the same conversation stays until its own commit
            cursorBatch.forEach(c -> uncommitted.remove(new CursorKey(c.uid(), c.conversationId()), c.seq()));
            for (int i = 0; i < stored.size(); i++) {
                notifyStored(batch.get(i).listener(), stored.get(i));
            }
        } catch (SQLException | RuntimeException e) {
            if (batch.size() <= 1) {
                LOG.log(Level.WARNING, "MSV2001 A write to the message store failed", e);
                batch.forEach(a -> notifyFailed(a.listener(), e));
                requeue(cursorBatch);
                return;
            }
            // One bad draft (a group deleted meanwhile, a client message id another node stored first)
            // must not fail the others: write them one by one.
            LOG.log(Level.FINE, "A batch failed; writing its messages one at a time", e);
            for (Append single : batch) {
                write(List.of(single), List.of());
            }
            if (!cursorBatch.isEmpty()) {
                write(List.of(), cursorBatch);
            }
        }
    }

    private List<MessageLog.CursorUpdate> takeCursors() {
        if (cursors.isEmpty()) {
            return List.of();
        }
        List<MessageLog.CursorUpdate> taken = new ArrayList<>();
        for (Map.Entry<CursorKey, Long> e : cursors.entrySet()) {
            if (cursors.remove(e.getKey(), e.getValue())) {
                taken.add(new MessageLog.CursorUpdate(e.getKey().uid(), e.getKey().conversationId(), e.getValue()));
            }
        }
        return taken;
    }

    private void requeue(List<MessageLog.CursorUpdate> failed) {
        if (writer.isRunning()) {
            failed.forEach(c -> markDelivered(c.uid(), c.conversationId(), c.seq()));
        }
    }

    private static void notifyStored(AppendListener listener, MessageLog.Written written) {
        try {
            if (written.duplicate()) {
                listener.alreadyStored(written.message());
            } else {
                listener.stored(written.message());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV2002 A store listener failed", e);
        }
    }

    private static void notifyFailed(AppendListener listener, Throwable cause) {
        try {
            listener.failed(cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV2002 A store listener failed", e);
        }
    }
}
