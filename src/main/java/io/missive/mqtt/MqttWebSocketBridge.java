package io.missive.mqtt;

import io.missive.core.session.SerialExecutor;
import io.missive.transport.CloseKind;
import io.missive.transport.FrameListener;
import io.missive.transport.FrameSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteBuffer;

/**
 * MQTT over WebSocket through the same pipeline as over TCP: an embedded channel per WebSocket
 * connection runs Netty's MqttDecoder and MqttEncoder and the {@link MqttChannelHandler}; binary
 * messages go in as bytes (MQTT over WebSocket may split or join packets across messages, the
 * decoder does not care), and the encoder's bytes go out as binary messages. An embedded channel
 * is not thread-safe, so every use of it runs on one mailbox, as a real channel's on its event loop.
 */
final class MqttWebSocketBridge implements FrameListener {

    private final SerialExecutor wire;
    private final FrameSink webSocket;
    private EmbeddedChannel channel;   // confined to the wire mailbox

    MqttWebSocketBridge(MqttBroker broker, FrameSink webSocket, String transport) {
        this.webSocket = webSocket;
        this.wire = broker.core().newMailbox();
        wire.execute(() -> channel = new EmbeddedChannel(
                new WebSocketWriter(),
                new MqttDecoder(broker.maxPacketBytes()),
                MqttEncoder.INSTANCE,
                broker.newChannelHandler(transport, wire, webSocket.remoteAddress())));
    }

    @Override
    public void onFrame(byte[] frame) {
        wire.execute(() -> {
            if (channel.isOpen()) {
                channel.writeInbound(Unpooled.wrappedBuffer(frame));
            }
        });
    }

    @Override
    public void onUnsupportedData(String what) {
        wire.execute(() -> {
            webSocket.close(CloseKind.UNSUPPORTED_DATA, what + " is not MQTT");
            channel.close();
        });
    }

    @Override
    public void onOversizedFrame(long size, long limit) {
        wire.execute(() -> {
            webSocket.close(CloseKind.TOO_BIG, "a message of " + size + " bytes; the limit is " + limit);
            channel.close();
        });
    }

    @Override
    public void onBackpressure() {
        wire.execute(() -> channel.pipeline().fireUserEventTriggered(MqttChannelHandler.BACKPRESSURE));
    }

    @Override
    public void onClosed() {
        wire.execute(() -> channel.close());
    }

    /** The head of the embedded pipeline: encoded bytes become binary messages; a close closes the WebSocket. */
    private final class WebSocketWriter extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            try {
                if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    webSocket.send(ByteBuffer.wrap(ByteBufUtil.getBytes(bytes)));
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
            webSocket.close(CloseKind.NORMAL, "MQTT connection closed");
            ctx.close(promise);
        }
    }
}
