package io.missive.tcp;

import io.missive.transport.CloseKind;
import io.missive.transport.FrameListener;
import io.missive.transport.FrameSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge between one connection's pipeline and a frame-based protocol: whole inbound frames
 * (from a decoder in front) go to the connection's {@link FrameListener}; frames the protocol
 * sends go out through the pipeline (an encoder in front adds the framing). As the
 * {@link FrameSink} it counts the bytes handed to Netty and not yet written to the socket, as the
 * WebSocket sink does: past the bound the peer is not reading, the frame is dropped and the
 * listener hears of it once, instead of the server's memory growing.
 *
 * <p>Inbound calls come from the connection's event loop; {@link #send} and {@link #close} from
 * any thread (the protocol's mailbox): Netty queues them to the event loop in call order, and
 * nothing here blocks or takes a lock.
 */
public final class FrameHandler extends ChannelInboundHandlerAdapter implements FrameSink {

    private static final Logger LOG = Logger.getLogger(FrameHandler.class.getName());
    /** How long a close waits for earlier frames to be written before it drops the connection anyway. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final long outboundLimitBytes;
    private final Function<FrameSink, FrameListener> listenerFactory;
    private final AtomicLong unwritten = new AtomicLong();
    private volatile Channel channel;
    private volatile String remoteAddress = "unknown";
    private volatile boolean overflowed;
    /** The newest write; writes complete in order, so once it has, every earlier one has too. */
    private volatile ChannelFuture lastWrite;
    private volatile FrameListener listener;   // set once, in channelActive, before any send
    private boolean oversized;                 // event-loop-confined

    /**
     * @param listenerFactory makes the connection's listener when it opens, given this handler as its sink
     */
    public FrameHandler(long outboundLimitBytes, Function<FrameSink, FrameListener> listenerFactory) {
        this.outboundLimitBytes = outboundLimitBytes;
        this.listenerFactory = listenerFactory;
    }

    // --- inbound, on the event loop ---

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        remoteAddress = describe(channel.remoteAddress());
        listener = listenerFactory.apply(this);
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
        LOG.log(Level.FINE, "Closing tcp connection " + remoteAddress + " after an error", cause);
        ctx.close();
    }

    // --- outbound, from any thread ---

    @Override
    public void send(ByteBuffer frame) {
        Channel ch = channel;
        if (ch == null || !ch.isActive() || overflowed) {
            return;
        }
        int size = frame.remaining();
        if (unwritten.addAndGet(size) > outboundLimitBytes) {
            unwritten.addAndGet(-size);
            overflowed = true;
            listener.onBackpressure();
            return;
        }
        ChannelFuture write = ch.writeAndFlush(Unpooled.wrappedBuffer(frame));
        write.addListener(written -> unwritten.addAndGet(-size));
        lastWrite = write;
    }

    @Override
    public void close(CloseKind kind, String reason) {
        Channel ch = channel;
        if (ch == null || !ch.isOpen()) {
            return;
        }
        LOG.fine(() -> "Closing tcp connection " + remoteAddress + " (" + kind + "): " + reason);
        if (overflowed) {
            ch.close();   // what is queued would never be read
            return;
        }
        ChannelFuture write = lastWrite;
        if (write == null) {
            ch.close();
            return;
        }
        // after what was sent before, such as a refused login's CONNECT_ACK; a peer that does not read gets the grace
        write.addListener(ChannelFutureListener.CLOSE);
        Future<?> forced = ch.eventLoop().schedule(() -> {
            ch.close();
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        ch.closeFuture().addListener(closed -> forced.cancel(false));
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
