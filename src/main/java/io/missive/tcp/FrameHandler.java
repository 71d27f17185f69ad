package io.missive.tcp;

import io.missive.transport.FrameListener;
import io.missive.transport.FrameSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge between one connection's pipeline and a frame-based protocol: whole inbound frames
 * (from a decoder in front) go to the connection's {@link FrameListener}; frames the protocol
 * sends go out through a {@link ChannelSink} (an encoder in front adds the framing).
 */
public final class FrameHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(FrameHandler.class.getName());

    private final long outboundLimitBytes;
    private final Function<FrameSink, FrameListener> listenerFactory;
    private FrameListener listener;   // event-loop-confined after channelActive
    private boolean oversized;        // event-loop-confined

    /**
     * @param listenerFactory makes the connection's listener when it opens, given its sink
     */
    public FrameHandler(long outboundLimitBytes, Function<FrameSink, FrameListener> listenerFactory) {
        this.outboundLimitBytes = outboundLimitBytes;
        this.listenerFactory = listenerFactory;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ChannelSink sink = new ChannelSink(ctx.channel(), outboundLimitBytes);
        FrameListener created = listenerFactory.apply(sink);
        sink.onOverflow(created::onBackpressure);
        listener = created;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (listener != null && !oversized) {
                listener.onFrame(ByteBufUtil.getBytes(frame));
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (listener != null) {
            listener.onClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OversizedFrameException oversizedFrame) {
            if (!oversized && listener != null) {
                oversized = true;
                // the listener logs and closes; nothing more is read meanwhile
                ctx.channel().config().setAutoRead(false);
                listener.onOversizedFrame(oversizedFrame.size(), oversizedFrame.limit());
            }
            return;
        }
        // resets, broken TLS: the connection is gone or useless; channelInactive tells the listener
        LOG.log(Level.FINE, "Closing tcp connection " + ChannelSink.describe(ctx.channel().remoteAddress())
                + " after an error", cause);
        ctx.close();
    }
}
