package io.missive.mqtt;

import io.netty.handler.codec.mqtt.MqttMessage;

/** The outbound side of one MQTT connection: packets go out in call order; nothing blocks. */
interface MqttPacketSink {

    void send(MqttMessage packet);

    /** Closes after the packets sent before. */
    void close();

    String remoteAddress();
}
