package io.missive.it.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT client that does exactly what a test says, packet by packet, for what a stock client
 * does for the test by itself (acknowledging, reconnecting) or never does (a malformed packet):
 * Netty's MQTT codec on embedded channels over a plain socket.
 */
public final class RawMqttClient implements AutoCloseable {

    private static final Object CLOSED = new Object();

    private final Socket socket;
    private final OutputStream out;
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    public static RawMqttClient connect(int port) throws IOException {
        return new RawMqttClient(new Socket("localhost", port)).startReading();
    }

    /**
     * A client that does not read until {@link #startReading()}, with a small receive buffer, so
     * that what the server sends piles up on the server's side: a client that stopped reading.
     */
    public static RawMqttClient connectNotReading(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);   // before connecting, so that the window is small
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        return new RawMqttClient(socket);
    }

    /**
     * For a client from {@link #connectNotReading}: reads on this thread until a packet of
     * {@code type} arrives (what comes before it is queued), then stops reading again.
     */
    public <T extends MqttMessage> T readUntil(Class<T> type) throws IOException {
        byte[] buffer = new byte[256];
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(10_000);
        try {
            while (true) {
                for (Object packet : received) {
                    if (type.isInstance(packet)) {
                        received.remove(packet);
                        return type.cast(packet);
                    }
                }
                int n = in.read(buffer);
                if (n < 0) {
                    throw new AssertionError("closed before " + type.getSimpleName());
                }
                synchronized (decoder) {
                    decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
                    Object packet;
                    while ((packet = decoder.readInbound()) != null) {
                        received.add(packet);
                    }
                }
            }
        } finally {
            socket.setSoTimeout(0);
        }
    }

    public RawMqttClient startReading() {
        Thread reader = new Thread(this::readLoop, "raw-mqtt-reader");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    private void readLoop() {
        byte[] buffer = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (decoder) {
                    decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
                    Object packet;
                    while ((packet = decoder.readInbound()) != null) {
                        received.add(packet);
                    }
                }
            }
        } catch (IOException e) {
            // the connection is gone: the test sees it closed
        } finally {
            received.add(CLOSED);
        }
    }

    /** Sends CONNECT and answers the CONNACK's return code and session-present flag. */
    public MqttConnAckMessage connect(String clientId, String username, String password, boolean clean, int keepAlive,
                                      String willTopic, String willMessage) throws IOException {
        sendConnect(clientId, username, password, clean, keepAlive, willTopic, willMessage);
        return next(MqttConnAckMessage.class);
    }

    /** Sends CONNECT without waiting for the CONNACK. */
    public void sendConnect(String clientId, String username, String password, boolean clean, int keepAlive,
                            String willTopic, String willMessage) throws IOException {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(clientId)
                .cleanSession(clean)
                .keepAlive(keepAlive);
        if (username != null) {
            connect.hasUser(true).username(username);
        }
        if (password != null) {
            connect.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        if (willTopic != null) {
            connect.willFlag(true).willTopic(willTopic).willMessage(willMessage.getBytes(StandardCharsets.UTF_8))
                    .willQoS(MqttQoS.AT_LEAST_ONCE);
        }
        send(connect.build());
    }

    public MqttConnectReturnCode login(String clientId, String username, String password, boolean clean) throws IOException {
        return connect(clientId, username, password, clean, 60, null, null).variableHeader().connectReturnCode();
    }

    /** Subscribes; answers the SUBACK's return codes. */
    public List<Integer> subscribe(int packetId, String filter, int qos) throws IOException {
        sendSubscribe(packetId, filter, qos);
        return next(MqttSubAckMessage.class).payload().grantedQoSLevels();
    }

    /** Sends SUBSCRIBE without waiting for the SUBACK. */
    public void sendSubscribe(int packetId, String filter, int qos) throws IOException {
        send(MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.valueOf(qos), filter).build());
    }

    public void publish(String topic, String payload, int qos, int packetId) throws IOException {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** A PUBLISH with the retain flag: the topic's retained message. */
    public void publishRetained(String topic, String payload, int qos, int packetId) throws IOException {
        send(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.valueOf(qos)).messageId(packetId).retained(true)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build());
    }

    /** Sends a PUBLISH again, with DUP set, as a client does for one it has no PUBREC or PUBACK for. */
    public void publishAgain(String topic, String payload, int qos, int packetId) throws IOException {
        send(new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, true, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, packetId), Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
    }

    public void pubRel(int packetId) throws IOException {
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBREL, false, MqttQoS.AT_LEAST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    /** The next packet, which must be an acknowledgement of this type (PUBACK, PUBREC, PUBCOMP...); answers its packet id. */
    public int nextAck(MqttMessageType type) {
        MqttMessage packet = next(MqttMessage.class);
        if (packet.fixedHeader().messageType() != type) {
            throw new AssertionError("expected " + type + ", got " + packet);
        }
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    public void pubAck(int packetId) throws IOException {
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(packetId)));
    }

    public void disconnect() throws IOException {
        send(new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0)));
    }

    public void send(MqttMessage packet) throws IOException {
        ByteBuf bytes;
        synchronized (encoder) {
            encoder.writeOutbound(packet);
            bytes = encoder.readOutbound();
        }
        try {
            sendBytes(ByteBufUtil.getBytes(bytes));
        } finally {
            bytes.release();
        }
    }

    public void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet, which must be of this type, within 10 seconds. */
    public <T extends MqttMessage> T next(Class<T> type) {
        Object packet = poll(Duration.ofSeconds(10));
        if (packet == null) {
            throw new AssertionError("no packet within 10 s; expected " + type.getSimpleName());
        }
        if (!type.isInstance(packet)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + packet);
        }
        return type.cast(packet);
    }

    /** The next PUBLISH; its payload copied into the answer's text. */
    public Received nextPublish() {
        MqttPublishMessage publish = next(MqttPublishMessage.class);
        try {
            return new Received(publish.variableHeader().topicName(), publish.variableHeader().packetId(),
                    publish.fixedHeader().qosLevel().value(), publish.fixedHeader().isDup(),
                    publish.fixedHeader().isRetain(), publish.payload().toString(StandardCharsets.UTF_8));
        } finally {
            publish.release();
        }
    }

    /** A PUBLISH as received. */
    public record Received(String topic, int packetId, int qos, boolean dup, boolean retain, String payload) {
    }

    /** The next packet within the timeout, or null; a closed connection answers null too. */
    public Object poll(Duration timeout) {
        try {
            Object packet = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (packet == CLOSED) {
                received.add(CLOSED);
                return null;
            }
            return packet;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether the server closed the connection within the timeout (packets before the close are skipped). */
    public boolean awaitClosed(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < end) {
                Object packet = received.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (packet == CLOSED) {
                    received.add(CLOSED);
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Drops the connection without DISCONNECT, as a device losing its network does. */
    public void dropConnection() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
