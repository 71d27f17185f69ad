package io.missive.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The limit on a connection's first packet, before CONNECT is decoded (as EMQX's and Mosquitto's). */
class ConnectPacketLimitTest {

    private static final int LIMIT = 1_000;
    /** The decoder's own limit, for every packet: larger than the first packet's. */
    private static final int PACKET_LIMIT = 100_000;

    private final EmbeddedChannel channel = new EmbeddedChannel(new ConnectPacketLimit(LIMIT), new MqttDecoder(PACKET_LIMIT));

    private static byte[] encoded(MqttMessage packet) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(packet);
        ByteBuf out = encoder.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    private static byte[] connect(int passwordBytes) {
        return encoded(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1).clientId("c1")
                .cleanSession(true).hasUser(true).username("u").hasPassword(true).password(new byte[passwordBytes])
                .build());
    }

    private static byte[] publish(int payloadBytes) {
        return encoded(MqttMessageBuilders.publish().topicName("t").qos(MqttQoS.AT_MOST_ONCE)
                .payload(Unpooled.wrappedBuffer(new byte[payloadBytes])).build());
    }

    @Test
    @DisplayName("a CONNECT over missive.mqtt.max-connect-bytes is undecodable from its fixed header on; nothing after it is read")
    void oversizedConnectIsRefusedFromItsHeader() {
        byte[] big = connect(5_000);
        // only the first bytes arrive: the limit does not wait for the body
        channel.writeInbound(Unpooled.wrappedBuffer(big, 0, 4));
        MqttMessage refused = channel.readInbound();
        assertThat(refused.decoderResult().isFailure()).isTrue();
        assertThat(refused.decoderResult().cause()).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("before CONNECT the limit is " + LIMIT);
        channel.writeInbound(Unpooled.wrappedBuffer(big, 4, big.length - 4));
        assertThat((Object) channel.readInbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    @DisplayName("a CONNECT within the limit, even one byte at a time, is decoded; later packets get the packet limit")
    void connectWithinTheLimitPasses() {
        for (byte b : connect(100)) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[]{b}));
        }
        MqttConnectMessage connect = channel.readInbound();
        assertThat(connect.decoderResult().isSuccess()).isTrue();
        assertThat(connect.payload().userName()).isEqualTo("u");
        channel.writeInbound(Unpooled.wrappedBuffer(publish(50_000)));
        MqttPublishMessage publish = channel.readInbound();
        assertThat(publish.decoderResult().isSuccess()).isTrue();
        assertThat(publish.payload().readableBytes()).isEqualTo(50_000);
        publish.release();
        channel.finishAndReleaseAll();
    }
}
