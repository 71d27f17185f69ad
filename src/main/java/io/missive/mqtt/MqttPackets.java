package io.missive.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;

import java.util.List;

/** The packets the server sends, built as MQTT 3.1.1 section 3 lays them out. */
final class MqttPackets {

    private MqttPackets() {
    }

    /** CONNACK (3.2): the return code and whether a persistent session was resumed. */
    static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent) {
        return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE, 0),
                new MqttConnAckVariableHeader(code, sessionPresent));
    }

    /** PUBLISH (3.3); {@code packetId} is ignored for QoS 0, which has none. */
    static MqttPublishMessage publish(int packetId, String topic, byte[] payload, int qos, boolean retain, boolean dup) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId), Unpooled.wrappedBuffer(payload));
    }

    /** PUBACK (3.4). */
    static MqttMessage pubAck(int packetId) {
        return withPacketId(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId);
    }

    /** PUBREC (3.5). */
    static MqttMessage pubRec(int packetId) {
        return withPacketId(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId);
    }

    /** PUBREL (3.6): its fixed header's flags are 0010, QoS 1 (3.6.1-1). */
    static MqttMessage pubRel(int packetId) {
        return withPacketId(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId);
    }

    /** PUBCOMP (3.7). */
    static MqttMessage pubComp(int packetId) {
        return withPacketId(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId);
    }

    /** SUBACK (3.9): one return code per filter, in order: the granted QoS or 0x80. */
    static MqttSubAckMessage subAck(int packetId, List<Integer> returnCodes) {
        return new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(returnCodes));
    }

    /** UNSUBACK (3.11). */
    static MqttMessage unsubAck(int packetId) {
        return withPacketId(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE, packetId);
    }

    /** PINGRESP (3.13). */
    static MqttMessage pingResp() {
        return new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE, 0));
    }

    /** The packet id of a PUBACK, PUBREC, PUBREL or PUBCOMP. */
    static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private static MqttMessage withPacketId(MqttMessageType type, MqttQoS qos, int packetId) {
        return new MqttMessage(fixed(type, qos, 2), MqttMessageIdVariableHeader.from(packetId));
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos, int remainingLength) {
        return new MqttFixedHeader(type, false, qos, false, remainingLength);
    }
}
