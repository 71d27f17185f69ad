package io.missive.tcp;

import io.missive.transport.CloseKind;
import io.missive.transport.FrameSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The outbound side of one TCP connection, as every protocol's session writes to it. It counts
 * the bytes handed to Netty and not yet written to the socket, as the WebSocket sink does: past
 * the bound the peer is not reading, the frame is dropped and {@code onOverflow} runs once,
 * instead of the server's memory growing.
 *
 * <p>{@link #send} and {@link #close} come from any thread (the protocol's mailbox): Netty queues
 * them to the event loop in call order, and nothing here blocks or takes a lock.
 */
final class ChannelSink implements FrameSink {

    private static final Logger LOG = Logger.getLogger(ChannelSink.class.getName());
    /** How long a close waits for earlier frames to be written before it drops the connection anyway. */
    private static final long CLOSE_GRACE_SECONDS = 5;

    private final Channel channel;
    private final long outboundLimitBytes;
    private final String remoteAddress;
    private final AtomicLong unwritten = new AtomicLong();
    private volatile Runnable onOverflow = () -> { };
    private volatile boolean overflowed;
    /** The newest write; writes complete in order, so once it has, every earlier one has too. */
    private volatile ChannelFuture lastWrite;

    ChannelSink(Channel channel, long outboundLimitBytes) {
        this.channel = channel;
        this.outboundLimitBytes = outboundLimitBytes;
        this.remoteAddress = describe(channel.remoteAddress());
    }

    /** What to do, once, when the bound is passed: tell the protocol's session. Set before any send. */
    void onOverflow(Runnable action) {
        this.onOverflow = action;
    }

    @Override
    public void send(ByteBuffer frame) {
        if (!channel.isActive() || overflowed) {
            return;
        }
        int size = frame.remaining();
        if (unwritten.addAndGet(size) > outboundLimitBytes) {
            unwritten.addAndGet(-size);
            overflowed = true;
            onOverflow.run();
            return;
        }
        ChannelFuture write = channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
        write.addListener(written -> unwritten.addAndGet(-size));
        lastWrite = write;
    }

    @Override
    public void close(CloseKind kind, String reason) {
        if (!channel.isOpen()) {
            return;
        }
        LOG.fine(() -> "Closing tcp connection " + remoteAddress + " (" + kind + "): " + reason);
        if (channel.pipeline().get(WebSocketFraming.class) != null) {
            // a WebSocket peer hears why, as from the container's WebSocket; the close frame follows what was sent
            lastWrite = channel.writeAndFlush(new CloseWebSocketFrame(kind.webSocketCode(),
                    CloseKind.webSocketReason(reason)));
        }
        ChannelFuture write = lastWrite;
        if (overflowed || write == null) {
            channel.close();   // nothing to flush, or what is queued would never be read
            return;
        }
        // after what was sent before, such as a refused login's answer; a peer that does not read gets the grace
        write.addListener(ChannelFutureListener.CLOSE);
        Future<?> forced = channel.eventLoop().schedule(() -> {
            channel.close();
        }, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> forced.cancel(false));
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
