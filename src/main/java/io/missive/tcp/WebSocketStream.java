package io.missive.tcp;

import io.missive.core.session.SerialExecutor;
import io.missive.transport.CloseKind;
import io.missive.transport.Inbound;
import io.missive.transport.Sink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteBuffer;

/**
 * A protocol whose frames do not match WebSocket messages (MQTT over WebSocket may split or join
 * packets across messages) on the container's WebSocket, through the very pipeline its TCP
 * listeners run: an embedded channel per connection with the protocol's decoder, encoder and
 * {@link ConnectionHandler}. Binary messages go in as bytes; the encoder's bytes go out as binary
 * messages. An embedded channel is not thread-safe, so every use of it runs on one mailbox, as a
 * real channel's on its event loop.
 */
public final class WebSocketStream implements Inbound<byte[]> {

    private final SerialExecutor wire;
    private final Sink<ByteBuffer> webSocket;
    private EmbeddedChannel channel;   // confined to the wire mailbox

    /**
     * @param listener the container's WebSocket as a listener: its frame and outbound limits
     */
    public WebSocketStream(TcpProtocol protocol, TcpListenerSettings listener, Sink<ByteBuffer> webSocket,
                           String transport, SerialExecutor wire) {
        this.webSocket = webSocket;
        this.wire = wire;
        wire.execute(() -> {
            EmbeddedChannel embedded = new EmbeddedChannel(false, false);
            embedded.attr(ChannelSink.EXECUTOR).set(wire);
            embedded.attr(ChannelSink.PEER).set(webSocket.remoteAddress());
            embedded.attr(ChannelSink.WEBSOCKET).set(true);
            embedded.pipeline().addLast("websocket-writer", new WebSocketWriter());
            protocol.addHandlers(embedded.pipeline(), listener, transport);
            try {
                embedded.register();
            } catch (Exception e) {
                throw new IllegalStateException("An embedded channel could not be registered", e);
            }
            channel = embedded;
        });
    }

    @Override
    public void onMessage(byte[] message) {
        wire.execute(() -> {
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(message));
            }
        });
    }

    @Override
    public void onUnsupported(String what) {
        wire.execute(() -> {
            webSocket.close(CloseKind.UNSUPPORTED_DATA, what + " is not part of the protocol");
            channel.close();
        });
    }

    @Override
    public void onOversized(long size, long limit) {
        wire.execute(() -> {
            webSocket.close(CloseKind.TOO_BIG, "a message of " + size + " bytes; the limit is " + limit);
            channel.close();
        });
    }

    @Override
    public void onBackpressure() {
        wire.execute(() -> channel.pipeline().fireUserEventTriggered(ConnectionHandler.BACKPRESSURE));
    }

    @Override
    public void onClosed() {
        wire.execute(() -> channel.close());
    }

    /** The head of the embedded pipeline: encoded bytes become binary messages, a close frame the WebSocket's close. */
    private final class WebSocketWriter extends ChannelOutboundHandlerAdapter {
        private boolean closeSent;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            try {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    webSocket.send(ByteBuffer.wrap(ByteBufUtil.getBytes(bytes)));
                } else if (msg instanceof CloseWebSocketFrame close) {
                    closeSent = true;
                    webSocket.close(CloseKind.ofWebSocketCode(close.statusCode()), close.reasonText());
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
            promise.trySuccess();
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            // every write went out at once
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (!closeSent) {
                webSocket.close(CloseKind.NORMAL, "connection closed");
            }
            ctx.close(promise);
        }
    }
}
