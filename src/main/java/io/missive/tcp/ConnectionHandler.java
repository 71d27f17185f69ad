package io.missive.tcp;

import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last handler of every connection's pipeline, for every protocol: it opens the protocol's
 * connection with a {@link ChannelSink} when the channel becomes active, hands each decoded
 * message to it, and tells it of an oversized frame, backpressure and the close. Framing and
 * decoding are the handlers in front, the protocol's.
 *
 * @param <I> the protocol's inbound message
 * @param <O> the protocol's outbound message
 */
public final class ConnectionHandler<I, O> extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(ConnectionHandler.class.getName());

    /** Fired into a pipeline whose transport (a WebSocket carrying it) is over its outbound bound. */
    public static final Object BACKPRESSURE = new Object();

    private final MessageForm<I, O> form;
    private final long outboundLimitBytes;
    private final Function<Sink<O>, Inbound<I>> open;
    private Inbound<I> connection;   // event-loop-confined after channelActive
    private boolean oversized;       // event-loop-confined

    /**
     * @param open makes the protocol's connection when the channel opens, given its sink
     */
    public ConnectionHandler(MessageForm<I, O> form, long outboundLimitBytes, Function<Sink<O>, Inbound<I>> open) {
        this.form = form;
        this.outboundLimitBytes = outboundLimitBytes;
        this.open = open;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ChannelSink<O> sink = new ChannelSink<>(ctx.channel(), form, outboundLimitBytes);
        Inbound<I> created = open.apply(sink);
        sink.onOverflow(created::onBackpressure);
        connection = created;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection == null || oversized) {
            ReferenceCountUtil.release(msg);
            return;
        }
        connection.onMessage(form.readAndRelease(msg));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == BACKPRESSURE && connection != null) {
            connection.onBackpressure();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OversizedFrameException oversizedFrame) {
            if (!oversized && connection != null) {
                oversized = true;
                // the connection logs and closes; nothing more is read meanwhile
                ctx.channel().config().setAutoRead(false);
                connection.onOversized(oversizedFrame.size(), oversizedFrame.limit());
            }
            return;
        }
        // resets, broken TLS: the connection is gone or useless; channelInactive tells the protocol
        LOG.log(Level.FINE, "Closing tcp connection " + ChannelSink.describe(ctx.channel()) + " after an error", cause);
        ctx.close();
    }
}
