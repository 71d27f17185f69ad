package io.missive.websocket;

import io.missive.core.session.EventLoop;
import io.missive.transport.CloseKind;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes frames as binary WebSocket messages with the asynchronous API, counting the bytes
 * not yet written: past the bound the peer is not reading, and the listener hears of it
 * instead of the server's memory growing.
 */
final class WebSocketFrameSink implements Sink<ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(WebSocketFrameSink.class.getName());

    private final Session ws;
    private final long outboundLimitBytes;
    private final String remoteAddress;
    private final ReadingThread loop;
    private final AtomicLong unwritten = new AtomicLong();
    private volatile Inbound<byte[]> listener;

    WebSocketFrameSink(Session ws, long outboundLimitBytes, String remoteAddress, ReadingThread loop) {
        this.ws = ws;
        this.outboundLimitBytes = outboundLimitBytes;
        this.remoteAddress = remoteAddress;
        this.loop = loop;
    }

    void listener(Inbound<byte[]> listener) {
        this.listener = listener;
    }

    @Override
    public boolean send(ByteBuffer frame) {
        if (!ws.isOpen()) {
            return false;
        }
        int size = frame.remaining();
        if (unwritten.addAndGet(size) > outboundLimitBytes) {
            unwritten.addAndGet(-size);
            listener.onBackpressure();
            return false;
        }
        try {
            ws.getAsyncRemote().sendBinary(frame, result -> {
                unwritten.addAndGet(-size);
                if (!result.isOK()) {
                    LOG.log(Level.FINE, "A write to " + remoteAddress + " failed", result.getException());
                }
            });
        } catch (RuntimeException e) {
            unwritten.addAndGet(-size);
            LOG.log(Level.FINE, "A write to " + remoteAddress + " failed", e);
            return false;
        }
        return true;
    }

    @Override
    public void close(CloseKind kind, String reason) {
        if (!ws.isOpen()) {
            return;
        }
        try {
            ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(kind.webSocketCode()),
                    CloseKind.webSocketReason(reason)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "Closing " + remoteAddress + " failed", e);
        }
    }

    /** The container's thread while it hands this connection a message ({@link ReadingThread}). */
    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
