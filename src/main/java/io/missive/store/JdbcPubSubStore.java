package io.missive.store;

import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.missive.config.StoreSettings;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * MQTT's store with group commit, as {@link JdbcMessageStore}'s ({@link GroupCommitWriter}): every
 * write queues up, and one writer thread commits whatever has gathered in one transaction, so that the QoS 1
 * publishes of many clients share a commit; callbacks run after it, in queue order.
 */
@ApplicationScoped
public class JdbcPubSubStore implements PubSubStore {

    private static final Logger LOG = Logger.getLogger(JdbcPubSubStore.class.getName());

    @Inject
    private PubSubLog log;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private StoreSettings settings;

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    private GroupCommitWriter<PubSubWrite> writer;
    /** The writer thread's own connection; see {@link HeldConnection}. */
    private HeldConnection connection;

    @PostConstruct
    void start() {
        connection = new HeldConnection(dataSource);
        writer = new GroupCommitWriter<>("missive-mqtt-store-writer", threads, settings, batch -> {
            if (!batch.isEmpty()) {
                write(batch);
            }
        });
        writer.start();
    }

    @PreDestroy
    void stop() {
        writer.stop();
        connection.close();   // the writer has ended: its connection is no one's now
    }

    @Override
    public List<StoredSession> loadSessions() {
        try {
            return log.loadSessions();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<PubSubMessage> loadRetained() {
        try {
            return log.loadRetained();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<StoredDelivery> pending(String clientId, int limit) {
        try {
            return log.pending(clientId, limit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void openSession(String clientId, String username, Consumer<Boolean> committed) {
        enqueue(new PubSubWrite.OpenSession(clientId, username, committed));
    }

    @Override
    public void dropSession(String clientId, Consumer<Boolean> committed) {
        enqueue(new PubSubWrite.DropSession(clientId, committed));
    }

    @Override
    public void subscribe(String clientId, Map<String, Integer> filters, Consumer<Boolean> committed) {
        enqueue(new PubSubWrite.Subscribe(clientId, Map.copyOf(filters), committed));
    }

    @Override
    public void unsubscribe(String clientId, List<String> filters, Consumer<Boolean> committed) {
        enqueue(new PubSubWrite.Unsubscribe(clientId, List.copyOf(filters), committed));
    }

    @Override
    public void append(PubSubMessage message, List<Recipient> recipients, Qos2Receipt receipt,
                       Consumer<PubSubMessage> committed) {
        enqueue(new PubSubWrite.Append(message, List.copyOf(recipients), receipt, committed));
    }

    @Override
    public void release(Qos2Receipt receipt, Consumer<Boolean> committed) {
        enqueue(new PubSubWrite.Release(receipt, committed));
    }

    @Override
    public void sent(String clientId, long storedId, int packetId) {
        if (storedId != 0) {
            enqueue(new PubSubWrite.Sent(clientId, storedId, packetId));
        }
    }

    @Override
    public void released(String clientId, long storedId) {
        if (storedId != 0) {
            enqueue(new PubSubWrite.Released(clientId, storedId));
        }
    }

    @Override
    public void delivered(String clientId, long storedId) {
        if (storedId != 0) {
            enqueue(new PubSubWrite.Delivered(clientId, storedId));
        }
    }

    /** Deletes messages no session still has to receive (older than a minute, so never one being written). */
    public int purgeDelivered() {
        try {
            return log.purgeDelivered(60);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void enqueue(PubSubWrite write) {
        long bytes = write instanceof PubSubWrite.Append a ? a.message().payload().length : 0;
        if (!writer.offer(write, bytes)) {
            LOG.warning(() -> "MSV2004 The MQTT store's write queue is full or closed; refused " + write.getClass().getSimpleName());
            failed(write);
        }
    }

    private void write(List<PubSubWrite> batch) {
        try {
            HeldConnection.Work<List<Long>> work = c -> log.write(c, batch);
            List<Long> ids = log.needsTransaction(batch) ? connection.run(work) : connection.runAutoCommit(work);
            int next = 0;
            for (PubSubWrite w : batch) {
                if (w instanceof PubSubWrite.Append a) {
                    long id = ids.get(next++);
                    notify(() -> a.committed().accept(a.message().withStoredId(id)));
                } else if (w instanceof PubSubWrite.Awaited awaited) {
                    notify(() -> awaited.committed().accept(true));
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                LOG.log(Level.WARNING, "MSV2005 A write to the MQTT store failed", e);
                failed(batch.get(0));
                return;
            }
            // one bad write must not fail the others: write them one by one
            LOG.log(Level.FINE, "An MQTT store batch failed; writing its parts one at a time", e);
            for (PubSubWrite single : batch) {
                write(List.of(single));
            }
        }
    }

    /** Tells a write's waiter that it failed: the client is not told it was done (no PUBACK, SUBACK grant, UNSUBACK...). */
    private static void failed(PubSubWrite write) {
        if (write instanceof PubSubWrite.Append a) {
            notify(() -> a.committed().accept(null));
        } else if (write instanceof PubSubWrite.Awaited awaited) {
            notify(() -> awaited.committed().accept(false));
        }
    }

    private static void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV2006 An MQTT store callback failed", e);
        }
    }
}
