package io.missive.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Logger;

/**
 * WebSocket on a connector listener with a {@code websocket-path}: the HTTP upgrade at that path
 * (Netty's handshake, after which the HTTP handlers leave the pipeline), then each binary message
 * in as one buffer and each buffer out as one binary message. The protocol's handlers behind it
 * see what they see on raw TCP, without the length prefix: one buffer per binary-protocol frame,
 * or the MQTT byte stream.
 *
 * <p>Why beside the container's WebSocket: an idle Jakarta WebSocket connection on Payara keeps
 * the upgrade's whole HTTP request (about 28 KB); here a connection costs what a TCP one does.
 * A text message, a message over {@code max-frame-bytes}, or an HTTP request that is not the
 * upgrade closes the connection with one log line.
 */
final class WebSocketFraming extends ChannelDuplexHandler {

    private static final Logger LOG = Logger.getLogger(WebSocketFraming.class.getName());
    /** The upgrade request: a request line and headers; browsers send a few KB at most. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 16_384;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final TcpListenerSettings listener;
    /** Set once this handler has sent its close frame: nothing more is passed on. Event-loop-confined. */
    private boolean closing;

    private WebSocketFraming(TcpListenerSettings listener) {
        this.listener = listener;
    }

    /** Adds the HTTP upgrade and WebSocket framing for {@code listener}, answering to {@code subprotocols}. */
    static void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, List<String> subprotocols) {
        pipeline.channel().attr(ChannelSink.WEBSOCKET).set(true);
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("http-upgrade", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
        pipeline.addLast("websocket", new LeavesBadFramesToUs(WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(listener.webSocketPath())
                .subprotocols(subprotocols.isEmpty() ? null : String.join(",", subprotocols))
                .maxFramePayloadLength(listener.maxFrameBytes())
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)   // this handler closes, gently: see exceptionCaught
                .build()));
        pipeline.addLast("websocket-messages", new WebSocketFrameAggregator(listener.maxFrameBytes()));
        pipeline.addLast("websocket-framing", new WebSocketFraming(listener));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof BinaryWebSocketFrame frame) {
            ctx.fireChannelRead(frame.content());   // the buffer's ownership passes on with it
            return;
        }
        ReferenceCountUtil.release(msg);
        if (msg instanceof WebSocketFrame) {
            LOG.info(() -> "MSV5006 Closing " + listener.transport() + " connection " + ChannelSink.describe(ctx.channel().remoteAddress())
                    + " on listener '" + listener.name() + "': a text message (the protocol is binary)");
            closeGently(ctx, new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary messages only"));
        } else if (msg instanceof FullHttpRequest request) {
            LOG.info(() -> "MSV5006 Refused HTTP " + request.method() + " " + request.uri() + " from "
                    + ChannelSink.describe(ctx.channel().remoteAddress()) + " on listener '" + listener.name()
                    + "': only the WebSocket upgrade at " + listener.webSocketPath() + " is served");
            ByteBuf body = Unpooled.copiedBuffer("WebSocket only, at " + listener.webSocketPath() + "\n",
                    StandardCharsets.UTF_8);
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                    HttpResponseStatus.NOT_FOUND, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A message over the limit (1009), or broken framing (1002): the close frame, then the close. The
     * peer is usually still sending the rest of its message; closing the socket with that unread
     * would make the kernel answer with a reset, which can destroy the close frame before the peer
     * reads it. So the output is shut after the close frame, the input is read and dropped, and the
     * connection closes when the peer does, or after a grace period.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException || cause instanceof TooLongFrameException) {
            LOG.info(() -> "MSV5006 Closing " + listener.transport() + " connection " + ChannelSink.describe(ctx.channel().remoteAddress())
                    + " on listener '" + listener.name() + "': " + cause.getMessage() + " (limit "
                    + listener.maxFrameBytes() + " bytes, " + listener.setting("max-frame-bytes") + ")");
            WebSocketCloseStatus status = cause instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus() != null ? corrupted.closeStatus() : WebSocketCloseStatus.MESSAGE_TOO_BIG;
            closeGently(ctx, new CloseWebSocketFrame(status, status.reasonText()));
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void closeGently(ChannelHandlerContext ctx, CloseWebSocketFrame closeFrame) {
        if (closing) {
            return;
        }
        closing = true;
        HalfClose.after(ctx.channel(), ctx.writeAndFlush(closeFrame), listener.closeGrace());
    }

    /**
     * Netty's WebSocket handler closes the channel at once on any error, a refused message too; that
     * close, with the peer's message still unread, is the reset this handler avoids. So those two
     * errors are passed on to it alone.
     */
    private static final class LeavesBadFramesToUs extends WebSocketServerProtocolHandler {
        LeavesBadFramesToUs(WebSocketServerProtocolConfig config) {
            super(config);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (cause instanceof CorruptedWebSocketFrameException || cause instanceof TooLongFrameException) {
                ctx.fireExceptionCaught(cause);
                return;
            }
            super.exceptionCaught(ctx, cause);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new BinaryWebSocketFrame(bytes) : msg, promise);
    }
}
