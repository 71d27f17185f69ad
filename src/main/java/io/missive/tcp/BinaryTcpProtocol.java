package io.missive.tcp;

import io.missive.binary.BinaryConnection;
import io.missive.binary.BinarySettings;
import io.missive.core.MessagingCore;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;

/**
 * The binary protocol of seed 002 over TCP: every frame, both ways, preceded by its length in 4
 * unsigned big-endian bytes (the seed's section 4); over WebSocket one message is one frame. On a
 * trusted listener a connection may publish without CONNECT, as the system user.
 */
@ApplicationScoped
public class BinaryTcpProtocol implements TcpProtocol {

    @Inject
    private MessagingCore core;

    @Inject
    private BinarySettings settings;

    @Override
    public ProtocolSpec spec() {
        return Protocols.BINARY;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        if (listener.webSocketPath() == null) {
            LengthPrefixDecoder.frame(pipeline, listener.maxFrameBytes());
        }   // else one WebSocket message is one frame, as on the container's /ws
        pipeline.addLast("binary", new ConnectionHandler<>(MessageForm.FRAMES, listener.outboundLimitBytes(),
                sink -> new BinaryConnection(core, settings, sink, transport, listener.trusted())));
    }

    /** One WebSocket message is one frame: no pipeline in between. */
    @Override
    public Inbound<byte[]> openWebSocket(Sink<ByteBuffer> webSocket, TcpListenerSettings limits, String transport,
                                         MessagingCore ignored) {
        return new BinaryConnection(core, settings, webSocket, transport, false);
    }
}
