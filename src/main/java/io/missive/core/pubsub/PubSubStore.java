package io.missive.core.pubsub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The durable side of publish/subscribe: persistent sessions with their subscriptions, the
 * QoS 1 and 2 messages not yet acknowledged by each of them, and retained messages. Writes are
 * queued and committed in batches; a callback, where there is one, runs after the commit on the
 * store's writer thread (quick, never blocking). Writes without a callback are written behind:
 * losing one in a crash only means a redelivery.
 */
public interface PubSubStore {

    /** A persistent session as stored. */
    record StoredSession(String clientId, String username, Map<String, Integer> subscriptions,
                         Set<Integer> receivedQos2) {
    }

    /**
     * A persistent session received a QoS 2 publish under this packet id and awaits its release
     * (MQTT's PUBREL): kept with the message, so that the client's resend after a restart is
     * recognised as a duplicate and not delivered again.
     */
    record Qos2Receipt(String clientId, int packetId) {
    }

    /**
     * A message a persistent session still has to receive or to complete.
     *
     * @param packetId the packet id it was last sent with, 0 if never sent
     * @param released for QoS 2: the client confirmed receipt (PUBREC) and awaits the release
     */
    record StoredDelivery(PubSubMessage message, int qos, int packetId, boolean released) {
    }

    /** A recipient a message must reach even if it disconnects first. */
    record Recipient(String clientId, int qos) {
    }

    /** Every persistent session with its subscriptions, at start-up. Blocks. */
    List<StoredSession> loadSessions();

    /** Every retained message, at start-up. Blocks. */
    List<PubSubMessage> loadRetained();

    /** The oldest {@code limit} messages a persistent session still has to receive, oldest first. Blocks: call it on a mailbox. */
    List<StoredDelivery> pending(String clientId, int limit);

    /** Creates (or keeps) a persistent session; {@code committed} gets whether that was committed. */
    void openSession(String clientId, String username, Consumer<Boolean> committed);

    /** Deletes a session with its subscriptions and pending messages (a clean start); {@code committed} gets whether that was committed. */
    void dropSession(String clientId, Consumer<Boolean> committed);

    /** Adds or replaces subscriptions; {@code committed} gets whether they were committed. */
    void subscribe(String clientId, Map<String, Integer> filters, Consumer<Boolean> committed);

    /** Removes subscriptions; {@code committed} gets whether that was committed. */
    void unsubscribe(String clientId, List<String> filters, Consumer<Boolean> committed);

    /**
     * Stores a message for the given persistent recipients (and as the topic's retained message if
     * it is retained: an empty payload clears it). {@code committed} gets the message with its
     * stored id, or null when the write failed. {@code receipt}, when not null, is stored in the same
     * commit (a client's QoS 2 publish).
     */
    void append(PubSubMessage message, List<Recipient> recipients, Qos2Receipt receipt,
                Consumer<PubSubMessage> committed);

    /**
     * The client released a QoS 2 publish: its receipt is deleted; {@code committed} gets whether
     * that was committed (only then may the client reuse the packet id, so only then is PUBCOMP sent).
     */
    void release(Qos2Receipt receipt, Consumer<Boolean> committed);

    /** The message was sent to the session with this packet id. */
    void sent(String clientId, long storedId, int packetId);

    /** The client confirmed receipt of a QoS 2 message (PUBREC). */
    void released(String clientId, long storedId);

    /** The client acknowledged the message (PUBACK, or PUBCOMP for QoS 2): it is done for this session. */
    void delivered(String clientId, long storedId);
}
