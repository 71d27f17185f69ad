package io.missive.tcp;

import io.missive.core.session.EventLoop;

import io.missive.transport.CloseKind;
import io.missive.transport.Sink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The outbound side of one connection on a Netty pipeline, for every protocol. It counts the bytes
 * handed to Netty and not yet written to the socket: past the bound the peer is not reading, the
 * message is dropped and {@code onOverflow} runs once, instead of the server's memory growing.
 *
 * <p>{@link #send} and {@link #close} come from any thread (the protocol's mailbox): Netty queues
 * them to the event loop in call order, and nothing here blocks or takes a lock. A pipeline that
 * is not thread-safe (an embedded one carrying a WebSocket's stream) names the executor it must be
 * used on in {@link #EXECUTOR}.
 */
final class ChannelSink<O> implements Sink<O> {

    private static final Logger LOG = Logger.getLogger(ChannelSink.class.getName());
    /** Where an embedded channel may be used; absent on a real channel, which any thread may write. */
    static final AttributeKey<Executor> EXECUTOR = AttributeKey.valueOf("missive.executor");
    /** The peer's address where the channel's own is not it (an embedded channel). */
    static final AttributeKey<String> PEER = AttributeKey.valueOf("missive.peer");
    /** Set on a channel whose peer speaks WebSocket: a close is told to it with a close frame. */
    static final AttributeKey<Boolean> WEBSOCKET = AttributeKey.valueOf("missive.websocket");
    /**
     * How long a connector listener's connection waits, after its last answer and a half-close, for the peer
     * to close its side ({@link HalfClose}); absent on an embedded channel, which closes after its last write.
     */
    static final AttributeKey<Duration> CLOSE_GRACE = AttributeKey.valueOf("missive.close-grace");

    private final Channel channel;
    private final MessageForm<?, O> form;
    private final long outboundLimitBytes;
    private final String remoteAddress;
    /** Where the channel must be used; null for a real channel, which any thread may write to. */
    private final Executor executor;
    /** The channel's event loop as the core sees it; null for an embedded channel. */
    private final EventLoop loop;
    private final AtomicLong unwritten = new AtomicLong();
    private volatile Runnable onOverflow = () -> { };
    private volatile boolean overflowed;
    /** The newest write; writes complete in order, so once it has, every earlier one has too. */
    private volatile ChannelFuture lastWrite;

    ChannelSink(Channel channel, MessageForm<?, O> form, long outboundLimitBytes) {
        this.channel = channel;
        this.form = form;
        this.outboundLimitBytes = outboundLimitBytes;
        this.remoteAddress = describe(channel);
        this.executor = channel.attr(EXECUTOR).get();
        this.loop = executor == null ? loopOf(channel) : null;
    }

    /** What to do, once, when the bound is passed: tell the protocol's connection. Set before any send. */
    void onOverflow(Runnable action) {
        this.onOverflow = action;
    }

    @Override
    public boolean send(O message) {
        if (!channel.isActive() || overflowed) {
            ReferenceCountUtil.release(message);
            return false;
        }
        int size = form.size().applyAsInt(message);
        if (unwritten.addAndGet(size) > outboundLimitBytes) {
            unwritten.addAndGet(-size);
            overflowed = true;
            ReferenceCountUtil.release(message);
            onOverflow.run();
            return false;
        }
        Object wire = form.write().apply(message);
        if (executor == null) {
            write(wire, size);   // Netty hands a write from another thread to the event loop itself
        } else {
            executor.execute(() -> write(wire, size));
        }
        return true;
    }

    private void write(Object wire, int size) {
        ChannelFuture write = channel.writeAndFlush(wire);
        write.addListener(written -> unwritten.addAndGet(-size));
        lastWrite = write;
    }

    @Override
    public void close(CloseKind kind, String reason) {
        if (executor == null) {
            closeNow(kind, reason);
        } else {
            executor.execute(() -> closeNow(kind, reason));
        }
    }

    private void closeNow(CloseKind kind, String reason) {
        if (!channel.isOpen()) {
            return;
        }
        LOG.fine(() -> "Closing tcp connection " + remoteAddress + " (" + kind + "): " + reason);
        if (Boolean.TRUE.equals(channel.attr(WEBSOCKET).get())) {
            // a WebSocket peer hears why; the close frame follows what was sent
            lastWrite = channel.writeAndFlush(new CloseWebSocketFrame(kind.webSocketCode(),
                    CloseKind.webSocketReason(reason)));
        }
        ChannelFuture write = lastWrite;
        if (overflowed) {
            channel.close();   // what is queued would never be read
            return;
        }
        Duration grace = channel.attr(CLOSE_GRACE).get();
        if (grace != null) {
            // after what was sent before, such as a refused login's answer: a half-close, the peer's data drained
            HalfClose.after(channel, write, grace);
        } else if (write == null) {
            channel.close();
        } else {
            write.addListener(ChannelFutureListener.CLOSE);
            Future<?> forced = channel.eventLoop().schedule(() -> {
                channel.close();
            }, HalfClose.WRITE_GRACE_SECONDS, TimeUnit.SECONDS);
            channel.closeFuture().addListener(closed -> forced.cancel(false));
        }
    }

    /** The channel's Netty event loop; none for an embedded channel, which runs on its container's executor. */
    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    static EventLoop loopOf(Channel channel) {
        io.netty.channel.EventLoop netty = channel.eventLoop();
        return new EventLoop() {
            @Override
            public boolean inLoop() {
                return netty.inEventLoop();
            }

            @Override
            public void execute(Runnable task) {
                netty.execute(task);
            }
        };
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    /** Netty stops reading the socket (after the read in progress); an embedded channel's container cannot. */
    @Override
    public boolean pauseReading() {
        if (executor != null) {
            return false;
        }
        channel.config().setAutoRead(false);
        return true;
    }

    @Override
    public void resumeReading() {
        if (executor == null && channel.isOpen()) {
            channel.config().setAutoRead(true);
        }
    }

    /** The peer of {@code channel} for logs: "127.0.0.1:51234". */
    static String describe(Channel channel) {
        String peer = channel.attr(PEER).get();
        return peer != null ? peer : describe(channel.remoteAddress());
    }

    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
