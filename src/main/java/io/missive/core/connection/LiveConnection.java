package io.missive.core.connection;

import io.missive.core.session.CloseReason;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Consumer;

/**
 * One live connection as operators see it. Its message counters are bumped on the connection's
 * own mailbox and read from anywhere: field updaters, so that a connection costs no extra objects
 * and a count no lock.
 */
public final class LiveConnection {

    private static final AtomicLongFieldUpdater<LiveConnection> IN =
            AtomicLongFieldUpdater.newUpdater(LiveConnection.class, "messagesIn");
    private static final AtomicLongFieldUpdater<LiveConnection> OUT =
            AtomicLongFieldUpdater.newUpdater(LiveConnection.class, "messagesOut");

    private final long id;
    private final Peer peer;
    private final long uid;
    private final String name;
    private final long connectedAtMillis;
    private final Consumer<CloseReason> closer;

    /** The type the client declared (msgd's join), or null to derive it from the traffic. */
    private volatile ClientType declared;
    private volatile long messagesIn;
    private volatile long messagesOut;

    LiveConnection(long id, Peer peer, long uid, String name, long connectedAtMillis, Consumer<CloseReason> closer) {
        this.id = id;
        this.peer = peer;
        this.uid = uid;
        this.name = name;
        this.connectedAtMillis = connectedAtMillis;
        this.closer = closer;
    }

    public long id() {
        return id;
    }

    public Peer peer() {
        return peer;
    }

    /** The user's or device's uid; 0 for a trusted server or an anonymous client. */
    public long uid() {
        return uid;
    }

    /** The username, the device's id, the MQTT client id of an anonymous client, or the server's address. */
    public String name() {
        return name;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public long messagesIn() {
        return messagesIn;
    }

    public long messagesOut() {
        return messagesOut;
    }

    /** The client published a message. */
    public void received() {
        IN.incrementAndGet(this);
    }

    /** A message was pushed to the client (first sends; resends are not counted). */
    public void sent() {
        OUT.incrementAndGet(this);
    }

    /** The client declared its type (msgd's join types): operators see that one. */
    public void declare(ClientType type) {
        this.declared = type;
    }

    /** See {@link ClientType}: the declared type; else a trusted server only publishes, anyone else receives. */
    public ClientType clientType() {
        ClientType type = declared;
        if (type != null) {
            return type;
        }
        if (peer.kind() == ConnectionKind.SERVER) {
            return ClientType.PUBLISHER;
        }
        return messagesIn > 0 ? ClientType.BOTH : ClientType.SUBSCRIBER;
    }

    /** Ends the connection with its protocol's disconnect. Any thread. */
    public void close(CloseReason reason) {
        closer.accept(reason);
    }

    @Override
    public String toString() {
        return peer.label() + " connection " + id + " of " + name + " from " + peer.address();
    }
}
