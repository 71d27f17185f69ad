package io.missive.core.session;

import io.missive.core.connection.LiveConnection;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One connected client, whatever its protocol: who it is, its connection as operators see it, and
 * its life (start, resync, disconnect, close). The delivery of its messages is its
 * {@link SessionDelivery}'s.
 *
 * <p>All state is touched only on {@link #mailbox()}; the public methods hand their work to it.
 */
public final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final long uid;
    private final String username;
    private final Peer peer;
    private final LiveConnection connection;
    private final long connectedAtMillis;
    private final SessionOutbound outbound;
    private final SerialExecutor mailbox;
    private final SessionContext context;
    private final SessionDelivery delivery;

    private volatile boolean closed;
    /** False for a connection that only publishes (msgd's NORMAL and PUBLISHER clients): nothing is offered to it. */
    private volatile boolean receives = true;

    /** A session and its connection as operators see it; the core registers the connection once the session is. */
    public ClientSession(long uid, String username, Peer peer,
                         SessionOutbound outbound, SerialExecutor mailbox, SessionContext context) {
        this.uid = uid;
        this.username = username;
        this.peer = peer;
        this.outbound = outbound;
        this.mailbox = mailbox;
        this.context = context;
        this.connectedAtMillis = context.clock().millis();
        this.connection = context.connections().create(peer, uid, username, this::disconnect);
        this.delivery = new SessionDelivery(this, outbound, connection, mailbox, context);
    }

    public long id() {
        return id;
    }

    public long uid() {
        return uid;
    }

    public String username() {
        return username;
    }

    public String protocol() {
        return peer.protocol();
    }

    /** The transport and the peer's address, for logs: "ws://127.0.0.1:51234". */
    public String remoteAddress() {
        return peer.toString();
    }

    public Peer peer() {
        return peer;
    }

    /** This session's connection as operators see it (counters, kick). */
    public LiveConnection connection() {
        return connection;
    }

    public long connectedAtMillis() {
        return connectedAtMillis;
    }

    public SerialExecutor mailbox() {
        return mailbox;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Begins delivery: catches up from the store, then goes live. Call after the login answer is sent. */
    public void start() {
        mailbox.execute(() -> {
            if (!closed) {
                delivery.start();
            }
        });
    }

    /**
     * Makes this a session that receives nothing, instead of {@link #start()}ing its delivery: it
     * publishes only, and moves no cursor of its user's. Call before the session is announced.
     */
    public void publishOnly() {
        receives = false;
    }

    /**
     * For a protocol whose clients acknowledge some pushes, or none (FishChat's): nothing is resent on
     * this connection. A full window waits for acknowledgements while the client gives them, and no
     * longer than the resend interval: a client that does not answer by then is pushed to without
     * waiting (until it acknowledges again), its oldest pushes no longer waited for. An unacknowledged
     * push keeps its conversation's cursor where it was, so it and what followed it are delivered again
     * at the user's next login. Call before {@link #start()}.
     */
    public void resendAtNextLoginOnly() {
        delivery.resendAtNextLoginOnly();
    }

    /** Whether messages for the user are offered to this session. */
    public boolean receives() {
        return receives;
    }

    /** A committed message for this session's user. Any thread. */
    public void offer(Message message) {
        if (receives) {
            delivery.task(() -> delivery.deliverLive(message));
        }
    }

    /**
     * The client acknowledged a push. Any thread. Counted at once when the connection reads it on this
     * session's mailbox, so it counts before the next frame the client sent after it (a DISCONNECT, a
     * PING) is handled: a client that waits for that frame's answer knows its acknowledgements counted.
     */
    public void acknowledge(MessageId messageId) {
        if (mailbox.inTurnHere() && (delivery.pushesWithoutBlocking() || SerialExecutor.mayBlockHere())) {
            delivery.acknowledged(messageId);
        } else {
            delivery.task(() -> delivery.acknowledged(messageId));
        }
    }

    /**
     * The push just written has no acknowledgement in the protocol (FishChat's topic messages, msgd, a
     * text device that cannot confirm): it counts as delivered now that the transport took it. Only
     * from {@link SessionOutbound#push}, on the mailbox.
     */
    public void deliveredOnWrite(MessageId messageId) {
        delivery.deliveredOnWrite(messageId);
    }

    /**
     * Messages for this user may have been committed without reaching this session (a route that
     * could not load its recipients): the session reads the store again, from where its pushes stopped,
     * before it sends anything newer. Any thread.
     */
    public void resync() {
        mailbox.execute(() -> {
            if (!closed) {
                delivery.resync();
            }
        });
    }

    /** The server ends this session; the adapter sends its protocol's disconnect. Any thread. */
    public void disconnect(CloseReason reason) {
        mailbox.execute(() -> {
            if (!closed) {
                LOG.fine(() -> "Closing session " + id + " of uid " + uid + ": " + reason.text());
                giveUp(reason);
            }
        });
    }

    /** The connection is gone (the client left or the transport broke). Any thread. */
    public void transportClosed() {
        mailbox.execute(() -> {
            if (!closed) {
                markClosed();
            }
        });
    }

    /** Pushes sent and not yet acknowledged; for status pages. Approximate off the mailbox. */
    public int inFlightCount() {
        return delivery.inFlight();
    }

    /** Closes the session and has the protocol send its disconnect for {@code reason}. On the mailbox. */
    void giveUp(CloseReason reason) {
        markClosed();
        outbound.close(reason);
    }

    private void markClosed() {
        closed = true;
        delivery.closed();
        context.onClosed().accept(this);
    }

    @Override
    public String toString() {
        return peer.protocol() + " session " + id + " of uid " + uid + " from " + peer;
    }
}
