package io.missive.tcp;

import io.missive.mqtt.MqttBroker;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * MQTT 3.1 and 3.1.1 over TCP (default port 1883) and over WebSocket (the connector's listeners
 * with a {@code websocket-path}, and the container's /mqtt through a {@link WebSocketStream}):
 * Netty's MQTT codec in front of the connection.
 */
@ApplicationScoped
public class MqttTcpProtocol implements TcpProtocol {

    /** Packets in as decoded, a PUBLISH's payload copied off the pooled buffer; packets out to the encoder. */
    private static final MessageForm<MqttMessage, MqttMessage> PACKETS = new MessageForm<>(
            MqttTcpProtocol::copied, MqttTcpProtocol::estimatedSize, packet -> packet);
    /** A packet's fixed and variable headers, about; the payload is counted exactly. */
    private static final int HEADER_BYTES = 16;

    @Inject
    private MqttBroker broker;

    @Override
    public ProtocolSpec spec() {
        return Protocols.MQTT;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        pipeline.addLast("mqtt-connect-limit", broker.connectPacketLimit());
        pipeline.addLast("mqtt-decoder", new MqttDecoder((int) Math.min(listener.maxFrameBytes(), broker.maxPacketBytes())));
        pipeline.addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt", new ConnectionHandler<>(PACKETS, listener.outboundLimitBytes(),
                sink -> broker.newConnection(sink, transport)));
    }

    private static MqttMessage copied(Object decoded) {
        if (decoded instanceof MqttPublishMessage publish) {
            return new MqttPublishMessage(publish.fixedHeader(), publish.variableHeader(),
                    Unpooled.wrappedBuffer(ByteBufUtil.getBytes(publish.payload())));
        }
        return (MqttMessage) decoded;
    }

    private static int estimatedSize(MqttMessage packet) {
        if (packet instanceof MqttPublishMessage publish) {
            return HEADER_BYTES + publish.variableHeader().topicName().length() + publish.payload().readableBytes();
        }
        return HEADER_BYTES;
    }
}
