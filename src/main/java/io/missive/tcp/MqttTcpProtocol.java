package io.missive.tcp;

import io.missive.mqtt.MqttBroker;
import io.missive.mqtt.MqttConnection;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * MQTT 3.1 and 3.1.1 over TCP (default port 1883): Netty's MQTT codec in front of the
 * connection's {@link MqttConnection}, the same pipeline the WebSocket transport runs. The
 * listener's outbound limit becomes the channel's high-water mark: a client that stays over it is
 * cut off (its QoS 1 and 2 messages stay for its next connection).
 */
@ApplicationScoped
public class MqttTcpProtocol implements TcpProtocol {

    public static final int DEFAULT_PORT = 1883;

    @Inject
    private MqttBroker broker;

    @Override
    public String name() {
        return MqttConnection.PROTOCOL;
    }

    @Override
    public int defaultPort() {
        return DEFAULT_PORT;
    }

    /** The sub-protocols of MQTT over WebSocket, as on the container's /mqtt. */
    @Override
    public Optional<List<String>> webSocketSubprotocols() {
        return Optional.of(List.of("mqtt", "mqttv3.1"));
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener) {
        int limit = (int) Math.min(Integer.MAX_VALUE, listener.outboundLimitBytes());
        pipeline.channel().config().setWriteBufferWaterMark(new WriteBufferWaterMark(limit / 2, limit));
        pipeline.addLast("mqtt-decoder", new MqttDecoder((int) Math.min(listener.maxFrameBytes(), broker.maxPacketBytes())));
        pipeline.addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt", broker.newChannelHandler(listener.transport(), pipeline.channel().eventLoop(),
                ChannelSink.describe(pipeline.channel().remoteAddress())));
    }
}
