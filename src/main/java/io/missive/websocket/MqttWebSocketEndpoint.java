package io.missive.websocket;

import io.missive.mqtt.MqttBroker;
import io.missive.transport.FrameListener;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket connection at /mqtt (sub-protocols {@code mqtt} and {@code mqttv3.1}) carrying
 * MQTT: its binary messages go, as bytes, into the same MQTT pipeline as a TCP connection's.
 */
public final class MqttWebSocketEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(MqttWebSocketEndpoint.class.getName());

    private final MqttBroker broker;
    private final WebSocketLimits limits;
    private FrameListener mqtt;

    MqttWebSocketEndpoint(MqttBroker broker, WebSocketLimits limits) {
        this.broker = broker;
        this.limits = limits;
    }

    @Override
    public void onOpen(Session ws, EndpointConfig config) {
        ws.setMaxBinaryMessageBufferSize(limits.maxFrameBytes());
        ws.setMaxTextMessageBufferSize(1024);
        ws.setMaxIdleTimeout(0);
        WebSocketFrameSink sink = new WebSocketFrameSink(ws, limits.outboundLimitBytes(),
                BinaryWebSocketEndpoint.remoteAddress(ws));
        mqtt = broker.newWebSocketBridge(sink, ws.isSecure() ? "wss" : "ws");
        sink.listener(mqtt);
        int maxFrameBytes = limits.maxFrameBytes();
        ws.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) frame -> {
            if (frame.length > maxFrameBytes) {
                mqtt.onOversizedFrame(frame.length, maxFrameBytes);
            } else {
                mqtt.onFrame(frame);
            }
        });
        ws.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> mqtt.onUnsupportedData("a text message"));
    }

    @Override
    public void onClose(Session ws, CloseReason reason) {
        if (mqtt != null) {
            mqtt.onClosed();
        }
    }

    @Override
    public void onError(Session ws, Throwable error) {
        LOG.log(Level.FINE, "WebSocket error on " + BinaryWebSocketEndpoint.remoteAddress(ws), error);
    }
}
