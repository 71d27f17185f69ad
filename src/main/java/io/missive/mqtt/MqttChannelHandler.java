package io.missive.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bridge between an MQTT pipeline and its {@link MqttConnection}: decoded packets go in
 * (a PUBLISH's payload copied off the pooled buffer first), packets the connection sends go out
 * through the encoder. Closing the channel tells the connection.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(MqttChannelHandler.class.getName());

    /** Fired into the pipeline when the transport's outbound queue is over its bound. */
    static final Object BACKPRESSURE = new Object();

    private final MqttBroker broker;
    private final String transport;
    private final Executor channelExecutor;
    private final String remoteAddress;
    private MqttConnection connection;   // confined to the channel's executor

    MqttChannelHandler(MqttBroker broker, String transport, Executor channelExecutor, String remoteAddress) {
        this.broker = broker;
        this.transport = transport;
        this.channelExecutor = channelExecutor;
        this.remoteAddress = remoteAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new MqttConnection(broker, new Sink(ctx.channel()), transport);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (connection == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof MqttPublishMessage publish) {
            try {
                byte[] payload = ByteBufUtil.getBytes(publish.payload());
                connection.onPacket(new MqttPublishMessage(publish.fixedHeader(), publish.variableHeader(),
                        Unpooled.wrappedBuffer(payload)));
            } finally {
                publish.release();
            }
        } else if (msg instanceof MqttMessage packet) {
            connection.onPacket(packet);
        } else {
            ReferenceCountUtil.release(msg);
        }
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
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // past the high-water mark the client is not reading: cut it off rather than let memory grow
        if (!ctx.channel().isWritable() && connection != null) {
            connection.onBackpressure();
        }
        ctx.fireChannelWritabilityChanged();
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
        // resets, broken TLS: the connection is gone or useless; channelInactive tells the connection
        LOG.log(Level.FINE, "Closing MQTT connection " + remoteAddress + " after an error", cause);
        ctx.close();
    }

    /** Writes on the channel's executor, so that an embedded channel is only ever used by one thread. */
    private final class Sink implements MqttPacketSink {
        private final Channel channel;

        Sink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void send(MqttMessage packet) {
            channelExecutor.execute(() -> {
                if (channel.isActive()) {
                    channel.writeAndFlush(packet, channel.voidPromise());
                } else {
                    ReferenceCountUtil.release(packet);
                }
            });
        }

        @Override
        public void close() {
            channelExecutor.execute(() -> {
                if (channel.isOpen()) {
                    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                }
            });
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }
    }
}
