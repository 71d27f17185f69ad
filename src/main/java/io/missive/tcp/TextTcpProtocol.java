package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.text.TextCommand;
import io.missive.text.TextCommandDecoder;
import io.missive.text.TextConnection;
import io.missive.text.TextSettings;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;

/**
 * The push service's text protocol of seed 001 over TCP (default port 8600): the
 * {@link TextCommandDecoder} turns the byte stream into commands for the connection's
 * {@link TextConnection}; its frames go out as they are (they carry their own size). On a trusted
 * listener a device identifies by its id alone.
 */
@ApplicationScoped
public class TextTcpProtocol implements TcpProtocol {

    private static final MessageForm<TextCommand, ByteBuffer> COMMANDS = MessageForm.objectsIn(TextCommand.class);

    @Inject
    private MessagingCore core;

    @Inject
    private TextSettings settings;

    @Override
    public ProtocolSpec spec() {
        return Protocols.TEXT;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        pipeline.addLast("commands", new TextCommandDecoder(TextCommandDecoder.DEFAULT_MAX_LINE_BYTES,
                listener.maxFrameBytes()));
        pipeline.addLast("text", new ConnectionHandler<>(COMMANDS, listener.outboundLimitBytes(),
                sink -> new TextConnection(core, settings, sink, transport, listener.trusted())));
    }
}
