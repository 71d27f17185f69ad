package io.missive.tcp;

import io.missive.binary.BinarySession;
import io.missive.binary.BinarySettings;
import io.missive.core.MessagingCore;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * The binary protocol of seed 002 over TCP: every frame, both ways, preceded by its length in 4
 * unsigned big-endian bytes (the seed's section 4); each connection is a {@link BinarySession}
 * as on WebSocket. On a trusted listener a connection may publish without CONNECT, as the system
 * user.
 */
@ApplicationScoped
public class BinaryTcpProtocol implements TcpProtocol {

    public static final int DEFAULT_PORT = 19095;

    @Inject
    private MessagingCore core;

    @Inject
    private BinarySettings settings;

    @Override
    public String name() {
        return BinarySession.PROTOCOL;
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    /** Over WebSocket as on the container's /ws: no sub-protocol. */
    @Override
    public Optional<List<String>> webSocketSubprotocols() {
        return Optional.of(List.of());
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener) {
        if (listener.webSocketPath() == null) {
            pipeline.addLast("frames", new LengthPrefixDecoder(listener.maxFrameBytes()));
            pipeline.addLast("length", new LengthFieldPrepender(4));
        }   // else one WebSocket message is one frame, as on the container's /ws
        pipeline.addLast("binary", new FrameHandler(listener.outboundLimitBytes(),
                sink -> new BinarySession(core, settings, sink, listener.transport(), listener.trusted())));
    }
}
