package io.missive.websocket;

import io.missive.binary.BinarySession;
import io.missive.core.MessagingCore;
import io.missive.binary.BinarySettings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection carrying the binary protocol: whole binary messages go to the
 * connection's {@link BinarySession}; a text message is refused (close 1003).
 */
public final class BinaryWebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(BinaryWebSocketEndpoint.class.getName());

    private final MessagingCore core;
    private final BinarySettings settings;
    private final WebSocketLimits limits;
    private BinarySession binary;

    BinaryWebSocketEndpoint(MessagingCore core, BinarySettings settings, WebSocketLimits limits) {
        this.core = core;
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        ws.setMaxBinaryMessageBufferSize(limits.maxFrameBytes());
        ws.setMaxTextMessageBufferSize(1024);
        ws.setMaxIdleTimeout(0);
        WebSocketFrameSink sink = new WebSocketFrameSink(ws, limits.outboundLimitBytes(), remoteAddress(ws));
        binary = new BinarySession(core, settings, sink, ws.isSecure() ? "wss" : "ws");
        sink.listener(binary);
        int maxFrameBytes = limits.maxFrameBytes();
        // Checked here as well: a message that arrives in one WebSocket frame bypasses the buffer limit.
        ws.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) frame -> {
            if (frame.length > maxFrameBytes) {
                binary.onOversizedFrame(frame.length, maxFrameBytes);
            } else {
                binary.onFrame(frame);
            }
        });
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> binary.onUnsupportedData("a text message"));
    }

    @Override
    public void onClose(Session ws, CloseReason reason) {
        if (binary != null) {
            binary.onClosed();
        }
    }

    @Override
    public void onError(Session ws, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on " + remoteAddress(ws), error);
    }

    /** The peer's address; Tyrus exposes it as a user property, other implementations may not. */
    static String remoteAddress(Session ws) {
        Map<String, Object> props = ws.getUserProperties();
        Object address = props.get("jakarta.websocket.endpoint.remoteAddress");
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        Object tyrus = props.get("org.glassfish.tyrus.remoteAddr");
        return tyrus != null ? tyrus.toString() : ws.getId();
    }
}
