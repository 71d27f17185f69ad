package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.text.TextCommand;
import io.missive.text.TextCommandDecoder;
import io.missive.text.TextSession;
import io.missive.text.TextSettings;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The push service's text protocol of seed 001 over TCP (default port 8600): the
 * {@link TextCommandDecoder} turns the byte stream into commands for the connection's
 * {@link TextSession}; the session's frames go out as they are (they carry their own size). On a
 * trusted listener a device identifies by its id alone.
 */
@ApplicationScoped
public class TextTcpProtocol implements TcpProtocol {

    public static final int DEFAULT_PORT = 8600;

    @Inject
    private MessagingCore core;

    @Inject
    private TextSettings settings;

    @Override
    public String name() {
        return TextSession.PROTOCOL;
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener) {
        pipeline.addLast("commands", new TextCommandDecoder(TextCommandDecoder.DEFAULT_MAX_LINE_BYTES,
                listener.maxFrameBytes()));
        pipeline.addLast("text", new CommandHandler(listener));
    }

    /** Hands decoded commands to the connection's session. */
    private final class CommandHandler extends ChannelInboundHandlerAdapter {

        private final TcpListenerSettings listener;
        private TextSession session;   // event-loop-confined after channelActive

        CommandHandler(TcpListenerSettings listener) {
            this.listener = listener;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ChannelSink sink = new ChannelSink(ctx.channel(), listener.outboundLimitBytes());
            TextSession created = new TextSession(core, settings, sink, listener.transport(), listener.trusted());
            sink.onOverflow(created::onBackpressure);
            session = created;
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (session != null) {
                session.onCommand((TextCommand) msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (session != null) {
                session.onClosed();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // resets, broken TLS: the connection is gone; channelInactive tells the session
            Logger.getLogger(TextTcpProtocol.class.getName()).log(Level.FINE, "Closing text connection "
                    + ChannelSink.describe(ctx.channel().remoteAddress()) + " after an error", cause);
            ctx.close();
        }
    }
}
