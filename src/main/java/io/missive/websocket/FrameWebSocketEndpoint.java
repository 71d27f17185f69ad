package io.missive.websocket;

import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection carrying a binary protocol: each binary message goes, whole, to the
 * connection's {@link Inbound} (the protocol's connection, or a pipeline carrying its stream); a
 * text message is refused (close 1003).
 */
public final class FrameWebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(FrameWebSocketEndpoint.class.getName());

    /** Makes the listener of a new connection. */
    interface ListenerFactory {
        /** @param transport "ws" or "wss" */
        Inbound<byte[]> create(Sink<ByteBuffer> sink, String transport);
    }

    private final ListenerFactory factory;
    private final WebSocketLimits limits;
    private final IdleTimerScheduler idleTimers;
    /** Where a connection's mailbox runs what never blocks and does not start on the container's reading thread. */
    private final DeliveryLoops loops;
    private Inbound<byte[]> listener;

    FrameWebSocketEndpoint(ListenerFactory factory, WebSocketLimits limits, IdleTimerScheduler idleTimers,
                           DeliveryLoops loops) {
        this.factory = factory;
        this.limits = limits;
        this.idleTimers = idleTimers;
        this.loops = loops;
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        ws.setMaxBinaryMessageBufferSize(limits.maxFrameBytes());
        ws.setMaxTextMessageBufferSize(1024);
        // Liveness is the protocols' business (pings, keep-alive), so no idle timeout. Tyrus still runs
        // a (then empty) timer task for every message; a longer timeout would leave one pending timer
        // instead, but Tyrus's timer closes the session whenever it runs with a timeout set, and the
        // task it queued when the session opened could run after the change.
        idleTimers.takeOver(ws);
        ws.setMaxIdleTimeout(0);
        ReadingThread reading = new ReadingThread(loops.next());
        WebSocketFrameSink sink = new WebSocketFrameSink(ws, limits.outboundLimitBytes(), remoteAddress(ws), reading);
        Inbound<byte[]> created = factory.create(sink, ws.isSecure() ? "wss" : "ws");
        sink.listener(created);
        listener = created;
        int maxFrameBytes = limits.maxFrameBytes();
        // Checked here as well: a message that arrives in one WebSocket frame bypasses the buffer limit.
        ws.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) frame -> {
            if (frame.length > maxFrameBytes) {
                created.onOversized(frame.length, maxFrameBytes);
            } else {
                reading.reading(() -> created.onMessage(frame));
            }
        });
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> created.onUnsupported("a text message"));
    }

    @Override
    public void onClose(Session ws, CloseReason reason) {
        if (listener != null) {
            listener.onClosed();
        }
    }

    @Override
    public void onError(Session ws, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on " + remoteAddress(ws), error);
    }

    /**
     * The peer's address. Jakarta WebSocket has no API for it: some implementations put host and port
     * in a user property; Tyrus (Payara, GlassFish) has the host alone, from its session's
     * {@code getRemoteAddr()}; Undertow (WildFly) has host and port on its session's channel,
     * {@code getWebSocketChannel().getPeerAddress()}; failing all, the session id stands in, so that
     * logs still tell connections apart.
     */
    private static String remoteAddress(Session ws) {
        Map<String, Object> props = ws.getUserProperties();
        Object address = props.get("jakarta.websocket.endpoint.remoteAddress");
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        try {
            Object tyrus = ws.getClass().getMethod("getRemoteAddr").invoke(ws);
            if (tyrus instanceof String host && !host.isEmpty()) {
                return host;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINEST, "No Tyrus remote address on " + ws.getClass().getName(), e);
        }
        try {
            Object channel = ws.getClass().getMethod("getWebSocketChannel").invoke(ws);
            Object undertow = channel.getClass().getMethod("getPeerAddress").invoke(channel);
            if (undertow instanceof InetSocketAddress inet && inet.getAddress() != null) {
                return inet.getAddress().getHostAddress() + ":" + inet.getPort();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINEST, "No Undertow remote address on " + ws.getClass().getName(), e);
        }
        return ws.getId();
    }
}
