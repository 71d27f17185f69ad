package io.missive.core.pubsub;

import io.missive.core.session.SerialExecutor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One client's publish/subscribe state, which outlives its connections when it is persistent:
 * subscriptions, messages in flight under their packet ids, messages queued behind them, and the
 * QoS 2 publishes received from the client and not yet released.
 *
 * <p>Everything but {@link #subscriptions()} is confined to {@link #mailbox()}: the methods
 * marked so must be called there; {@link #deliver} hands its work over by itself.
 */
public final class PubSubSession {

    private static final Logger LOG = Logger.getLogger(PubSubSession.class.getName());

    private final String clientId;
    private final String username;
    private final boolean persistent;
    private final SerialExecutor mailbox;
    private final PubSubStore store;
    private final PubSubSettings settings;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();

    // --- mailbox-confined ---
    private PubSubOutbound outbound;
    private final LinkedHashMap<Integer, Outgoing> inFlight = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> queued = new ArrayDeque<>();
    /** Stored ids of the messages in flight or queued, so that a message read again from the store is not sent twice. */
    private final Set<Long> heldIds = new HashSet<>();
    private final Set<Integer> receivedQos2 = new HashSet<>();
    /** QoS 2 publishes being stored, with the acknowledgement owed once they are: to the connection that sent the latest copy. */
    private final Map<Integer, Runnable> storingQos2 = new HashMap<>();
    private final Set<Integer> reserved = new HashSet<>();
    private int lastPacketId;
    /** The store holds messages for this session that are not in memory (after a restart or an overflow). */
    private boolean storeHasMore;
    /** Whether a connection of this node has the session now; read from any thread. */
    private volatile boolean attached;
    private boolean discarded;

    /** A message on its way to the client. */
    private static final class Outgoing {
        final PubSubMessage message;
        final int qos;
        int packetId;
        boolean released;
        boolean sent;

        Outgoing(PubSubMessage message, int qos) {
            this.message = message;
            this.qos = qos;
        }
    }

    PubSubSession(String clientId, String username, boolean persistent, SerialExecutor mailbox, PubSubStore store,
                  PubSubSettings settings, boolean storeHasMore) {
        this.clientId = clientId;
        this.username = username;
        this.persistent = persistent;
        this.mailbox = mailbox;
        this.store = store;
        this.settings = settings;
        this.storeHasMore = storeHasMore;
    }

    public String clientId() {
        return clientId;
    }

    /** The user who owns the session, or null for an anonymous client. */
    public String username() {
        return username;
    }

    public boolean persistent() {
        return persistent;
    }

    /** Where this session's work runs; the connection runs its packets here too once logged in. */
    public SerialExecutor mailbox() {
        return mailbox;
    }

    /** The filters with their granted QoS; safe from any thread. */
    public Map<String, Integer> subscriptions() {
        return subscriptions;
    }

    // --- on the mailbox ---

    /**
     * A connection takes the session over: what was in flight goes again with its packet ids (DUP
     * set), releases awaited are sent again, then queued messages follow. Call on the mailbox.
     */
    public void attach(PubSubOutbound connection) {
        outbound = connection;
        attached = true;
        if (storeHasMore) {
            loadFromStore();
        }
        for (Outgoing o : inFlight.values()) {
            if (o.released) {
                connection.release(o.packetId);
            } else {
                connection.publish(o.packetId, o.message.topic(), o.message.payload(), o.qos, false, o.sent);
                o.sent = true;
            }
        }
        pump();
    }

    /** The connection is gone; a persistent session keeps its state for the next one. Call on the mailbox. */
    public void detach(PubSubOutbound connection) {
        if (outbound == connection) {
            outbound = null;
            attached = false;
            reserved.clear();
        }
    }

    /** Where a QoS 2 publish from the client stands (4.3.3): unknown, being stored, or stored until its release. */
    public enum InboundQos2 { NEW, STORING, STORED }

    /** Call on the mailbox. */
    public InboundQos2 inboundQos2(int packetId) {
        if (receivedQos2.contains(packetId)) {
            return InboundQos2.STORED;
        }
        return storingQos2.containsKey(packetId) ? InboundQos2.STORING : InboundQos2.NEW;
    }

    /**
     * A QoS 2 publish is being stored, or was sent again meanwhile (perhaps on a new connection):
     * {@code acknowledge} is the PUBREC owed once it is stored, replacing the one owed before; a
     * resend is not run again. Call on the mailbox.
     */
    public void storingQos2(int packetId, Runnable acknowledge) {
        storingQos2.put(packetId, acknowledge);
    }

    /** A QoS 2 publish is stored: remembered until its release; answers the acknowledgement owed. Call on the mailbox. */
    public Runnable storedQos2(int packetId) {
        receivedQos2.add(packetId);
        Runnable owed = storingQos2.remove(packetId);
        return owed != null ? owed : () -> { };
    }

    /** A QoS 2 publish found stored after a restart: remembered until its release. Call on the mailbox. */
    public void rememberQos2(int packetId) {
        receivedQos2.add(packetId);
    }

    /** A QoS 2 publish was not stored after all: its packet id is free again. Call on the mailbox. */
    public void forgetQos2(int packetId) {
        storingQos2.remove(packetId);
        receivedQos2.remove(packetId);
    }

    /**
     * The receipt a persistent session stores with a QoS 2 publish it receives; null for a clean
     * session, whose receipts live only as long as the session.
     */
    public PubSubStore.Qos2Receipt qos2Receipt(int packetId) {
        return persistent ? new PubSubStore.Qos2Receipt(clientId, packetId) : null;
    }

    /**
     * The client released a QoS 2 publish (PUBREL). {@code done} runs on the mailbox once the
     * release is durable (at once for a clean session) with whether it is; call on the mailbox.
     */
    public void releaseQos2(int packetId, Consumer<Boolean> done) {
        receivedQos2.remove(packetId);
        if (!persistent) {
            done.accept(true);
            return;
        }
        store.release(new PubSubStore.Qos2Receipt(clientId, packetId),
                committed -> mailbox.execute(() -> done.accept(committed)));
    }

    /** The client acknowledged a QoS 1 message (PUBACK). Call on the mailbox. */
    public void acknowledged(int packetId) {
        Outgoing o = inFlight.get(packetId);
        if (o != null && o.qos == 1) {
            finish(packetId, o);
        }
    }

    /** The client received a QoS 2 message (PUBREC): answered with its release. Call on the mailbox. */
    public void received(int packetId) {
        Outgoing o = inFlight.get(packetId);
        if (o == null || o.qos != 2) {
            return;
        }
        if (!o.released) {
            o.released = true;
            if (persistent) {
                store.released(clientId, o.message.storedId());
            }
        }
        if (outbound != null) {
            outbound.release(packetId);
        }
    }

    /** The client completed a QoS 2 message (PUBCOMP). Call on the mailbox. */
    public void completed(int packetId) {
        Outgoing o = inFlight.get(packetId);
        if (o != null && o.qos == 2) {
            finish(packetId, o);
        }
    }

    // --- from the engine, any thread ---

    /** Delivers a routed message with the QoS granted for it; hands over to the mailbox. */
    void deliver(PubSubMessage message, int qos, boolean retainFlag) {
        // the adapter's publish only writes: on the connection's event loop (a page read goes on on the pool)
        mailbox.executeNonBlocking(() -> enqueue(message, qos, retainFlag));
    }

    /** Whether a connection of this node has the session now. */
    boolean attached() {
        return attached;
    }

    /**
     * The client id connected on another node: a connection here ends, and what this copy holds in memory
     * may be stale; the next connection here reads the store again. Hands over to the mailbox.
     */
    void takenOverElsewhere() {
        mailbox.execute(() -> {
            if (outbound != null) {
                outbound.takenOver();
            }
            inFlight.clear();
            queued.clear();
            heldIds.clear();
            storeHasMore = persistent;
        });
    }

    void discard() {
        mailbox.execute(() -> {
            discarded = true;
            attached = false;
            inFlight.clear();
            queued.clear();
            heldIds.clear();
            outbound = null;
        });
    }

    private void enqueue(PubSubMessage message, int qos, boolean retainFlag) {
        if (discarded) {
            return;
        }
        if (qos == 0) {
            if (outbound != null) {
                outbound.publish(0, message.topic(), message.payload(), 0, retainFlag, false);
            }
            return;
        }
        if (message.storedId() != 0 && !heldIds.add(message.storedId())) {
            return;
        }
        if (queued.size() >= settings.maxQueued()) {
            heldIds.remove(message.storedId());
            // a persistent session's copy stays in the store, to be read again; a clean session's is lost, as in Mosquitto
            storeHasMore |= persistent;
            LOG.fine(() -> "Queue of MQTT client " + clientId + " full: a message for " + message.topic()
                    + (persistent ? " stays in the store" : " is dropped"));
            return;
        }
        // the retain flag goes out set only on a retained message sent for a new subscription (3.3.1.3)
        Outgoing o = new Outgoing(message.retain() == retainFlag ? message : new PubSubMessage(message.storedId(),
                message.topic(), message.payload(), message.qos(), retainFlag), qos);
        queued.add(o);
        pump();
    }

    private void finish(int packetId, Outgoing o) {
        inFlight.remove(packetId);
        heldIds.remove(o.message.storedId());
        if (persistent) {
            store.delivered(clientId, o.message.storedId());
        }
        pump();
    }

    /** Sends queued messages while the in-flight window has room. */
    private void pump() {
        if (outbound == null) {
            return;
        }
        while (inFlight.size() < settings.maxInFlight() && !queued.isEmpty()) {
            Outgoing o = queued.poll();
            o.packetId = nextPacketId();
            inFlight.put(o.packetId, o);
            if (persistent) {
                store.sent(clientId, o.message.storedId(), o.packetId);
            }
            outbound.publish(o.packetId, o.message.topic(), o.message.payload(), o.qos, o.message.retain(), false);
            o.sent = true;
        }
        if (queued.isEmpty() && inFlight.size() < settings.maxInFlight() && storeHasMore) {
            if (!SerialExecutor.mayBlockHere()) {
                SerialExecutor.continueBlockingHere(this::pump);   // the read waits for PostgreSQL
                return;
            }
            loadFromStore();
            if (!queued.isEmpty()) {
                pump();
            }
        }
    }

    /**
     * Reads a page of what the store holds for this session and is not in memory; in flight keeps its
     * packet ids. The page, oldest first, is as long as what memory holds of it (skipped) and what
     * fits besides, so that a long-offline session's backlog is never read whole. Blocks.
     */
    private void loadFromStore() {
        storeHasMore = false;
        int limit = heldIds.size() + settings.maxInFlight() + settings.maxQueued();
        List<PubSubStore.StoredDelivery> stored;
        try {
            stored = store.pending(clientId, limit);
        } catch (RuntimeException e) {
            LOG.warning(() -> "MSV1007 Could not read the pending messages of MQTT client " + clientId + ": " + e);
            storeHasMore = true;
            return;
        }
        storeHasMore = stored.size() == limit;
        for (PubSubStore.StoredDelivery d : stored) {
            if (!heldIds.add(d.message().storedId())) {
                continue;
            }
            Outgoing o = new Outgoing(d.message(), d.qos());
            if (d.packetId() != 0 && !inFlight.containsKey(d.packetId())) {
                o.packetId = d.packetId();
                o.released = d.released();
                o.sent = true;
                inFlight.put(o.packetId, o);
                lastPacketId = Math.max(lastPacketId, d.packetId());
            } else if (queued.size() < settings.maxQueued()) {
                queued.add(o);
            } else {
                heldIds.remove(d.message().storedId());
                storeHasMore = true;
            }
        }
    }

    private int nextPacketId() {
        for (int i = 0; i < 65535; i++) {
            lastPacketId = lastPacketId % 65535 + 1;
            if (!inFlight.containsKey(lastPacketId) && !reserved.contains(lastPacketId)) {
                return lastPacketId;
            }
        }
        throw new IllegalStateException("no free packet id");
    }

    /**
     * A packet id for a message sent outside the engine (the IM push), kept from the engine's own
     * until {@link #releasePacketId}. Call on the mailbox.
     */
    public int reservePacketId() {
        int id = nextPacketId();
        reserved.add(id);
        return id;
    }

    /** Call on the mailbox. */
    public void releasePacketId(int packetId) {
        reserved.remove(packetId);
    }

    @Override
    public String toString() {
        return "MQTT session " + clientId + (persistent ? " (persistent)" : "");
    }
}
