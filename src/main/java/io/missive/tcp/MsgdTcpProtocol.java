package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.core.store.NamedMembers;
import io.missive.msgd.MsgdConnection;
import io.missive.msgd.MsgdFrameDecoder;
import io.missive.msgd.MsgdInput;
import io.missive.msgd.MsgdSettings;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;

/**
 * msgd's device protocol (seed 000) over TCP (default port 7897, 127.0.0.1 unless configured):
 * the {@link MsgdFrameDecoder} reads trpc frames and msgd headers for the connection's
 * {@link MsgdConnection}; its frames go out as they are (they carry their own framing).
 */
@ApplicationScoped
public class MsgdTcpProtocol implements TcpProtocol {

    private static final MessageForm<MsgdInput, ByteBuffer> REQUESTS = MessageForm.objectsIn(MsgdInput.class);

    @Inject
    private MessagingCore core;

    @Inject
    private MsgdSettings settings;

    @Inject
    private NamedMembers names;

    @Override
    public ProtocolSpec spec() {
        return Protocols.MSGD;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        pipeline.addLast("msgd-frames", new MsgdFrameDecoder(listener.maxFrameBytes()));
        pipeline.addLast("msgd", new ConnectionHandler<>(REQUESTS, listener.outboundLimitBytes(),
                sink -> new MsgdConnection(core, settings, names, sink, transport)));
    }
}
