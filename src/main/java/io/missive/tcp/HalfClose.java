package io.missive.tcp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server-side close that does not destroy its own last answer. Closing a socket whose peer is still
 * sending (the rest of a refused frame, pipelined commands) leaves unread data behind, and the
 * kernel then answers with a TCP reset, which can make the peer's stack drop the answer before the
 * peer reads it. So: once the last answer is written, the output is shut (a FIN after the answer;
 * on TLS after the close_notify), everything the peer still sends is read and discarded, and the
 * connection closes when the peer closes its side, or when the grace has passed, whichever comes
 * first. The connection counts toward its listener's {@code max-connections} until then, at most
 * the grace (plus the time the last answer takes to be written, at most {@value #WRITE_GRACE_SECONDS} s).
 */
final class HalfClose {

    /** How long the last answer may take to be written before the connection is dropped anyway. */
    static final long WRITE_GRACE_SECONDS = 5;
    private static final String DRAIN = "missive-drain";

    private HalfClose() {
    }

    /**
     * Closes {@code channel} gently after {@code lastWrite} (null: nothing to wait for). A channel that is
     * not a socket's (an embedded one) closes after the write. Any thread.
     */
    static void after(Channel channel, ChannelFuture lastWrite, Duration grace) {
        channel.eventLoop().execute(() -> start(channel, lastWrite, grace));
    }

    private static void start(Channel channel, ChannelFuture lastWrite, Duration grace) {
        if (!channel.isOpen() || channel.pipeline().get(DRAIN) != null) {
            return;
        }
        channel.pipeline().addFirst(DRAIN, Discard.INSTANCE);
        channel.config().setAutoRead(true);   // read what the peer still sends, so that the close is no reset
        Future<?> writeTimeout = channel.eventLoop().schedule(() -> {
            channel.close();
        }, WRITE_GRACE_SECONDS, TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> writeTimeout.cancel(false));
        if (lastWrite == null) {
            shutOutput(channel, grace, writeTimeout);
        } else {
            lastWrite.addListener(written -> {
                if (written.isSuccess()) {
                    shutOutput(channel, grace, writeTimeout);
                } else {
                    channel.close();
                }
            });
        }
    }

    private static void shutOutput(Channel channel, Duration grace, Future<?> writeTimeout) {
        writeTimeout.cancel(false);
        if (!(channel instanceof SocketChannel socket) || !channel.isActive()) {
            channel.close();
            return;
        }
        Future<?> forced = channel.eventLoop().schedule(() -> {
            channel.close();
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> forced.cancel(false));
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            socket.shutdownOutput();
        } else {
            tls.closeOutbound().addListener(notified -> socket.shutdownOutput());
        }
    }

    /** Reads and drops everything: the connection is closing. First in the pipeline, before TLS and decoders. */
    @ChannelHandler.Sharable
    private static final class Discard extends ChannelInboundHandlerAdapter {
        static final Discard INSTANCE = new Discard();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // a reset now: nothing more can be lost
        }
    }
}
