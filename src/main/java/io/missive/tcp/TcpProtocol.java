package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.protocol.ProtocolSpec;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.channel.ChannelPipeline;

import java.nio.ByteBuffer;

/**
 * How one protocol runs on a Netty pipeline: its framing and codec handlers in front of a
 * {@link ConnectionHandler} that opens the protocol's connection. Each is a CDI bean found by
 * {@link TcpConnector}; the container's WebSocket endpoints open their connections through it too.
 */
public interface TcpProtocol {

    /** The protocol's name, port and WebSocket carriage. */
    ProtocolSpec spec();

    /**
     * Adds this protocol's handlers at the end of a new connection's pipeline. The connector's own
     * handlers come first: TLS when configured, the idle timeout, WebSocket framing on a listener
     * with a {@code websocket-path}.
     *
     * @param transport the transport's name for logs and operators: "tcp", "tls", "ws", "wss"
     */
    void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport);

    /**
     * A connection on the container's WebSocket, one binary message at a time. By default through
     * the same pipeline as on TCP (for a protocol whose packets do not match WebSocket messages);
     * a protocol with one frame per message opens its connection directly.
     */
    default Inbound<byte[]> openWebSocket(Sink<ByteBuffer> webSocket, TcpListenerSettings limits, String transport,
                                          MessagingCore core) {
        return new WebSocketStream(this, limits, webSocket, transport, core.newMailbox());
    }
}
