package io.missive.tcp;

import io.netty.channel.ChannelPipeline;

import java.util.List;
import java.util.Optional;

/**
 * A protocol the TCP connector can serve on a listener. Each is one class, a CDI bean found by
 * {@link TcpConnector}: it gives its name (the value of {@code missive.tcp.<listener>.protocol})
 * and builds, for each new connection, its framing handlers and the typed listener that receives
 * the connection's inbound traffic (for frame-based protocols, a
 * {@link io.missive.transport.FrameListener} behind a {@link FrameHandler}).
 */
public interface TcpProtocol {

    /** The name listeners use, lower case: "binary". */
    String name();

    /** The port of the listener named after this protocol when none is configured (binary: 19095). */
    int defaultPort();

    /**
     * Adds this protocol's handlers at the end of a new connection's pipeline. The connector's own
     * handlers come first: TLS when configured, and the idle timeout.
     */
    void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener);

    /**
     * The WebSocket sub-protocols this protocol answers to on a listener with a
     * {@code websocket-path}, empty for none; an empty Optional when it cannot be carried over
     * WebSocket at all (such a listener then fails to start).
     */
    default Optional<List<String>> webSocketSubprotocols() {
        return Optional.empty();
    }
}
