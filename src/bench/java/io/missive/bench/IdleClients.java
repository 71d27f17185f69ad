package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.BinaryWebSocketProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.HiveMqttProtocol;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A child JVM of the idle-connections scenario, so that no process holds more connections than
 * this machine's open-file limit allows: connects users {@code <prefix><first>} to
 * {@code <prefix><first + count - 1>}, prints {@value #READY} and holds them until its standard
 * input closes, then disconnects them and exits. Arguments: protocol ({@code ws}, {@code tcp} or
 * {@code mqtt}), host, port, user-name prefix, first index, count. Missive users have the suite's
 * password, {@code <name>-secret}.
 */
final class IdleClients {

    static final String READY = "READY";
    static final String FAILED = "FAILED";

    private IdleClients() {
    }

    public static void main(String[] args) throws IOException {
        String protocol = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        String prefix = args[3];
        int first = Integer.parseInt(args[4]);
        int count = Integer.parseInt(args[5]);
        AtomicBoolean reported = new AtomicBoolean();
        AtomicBoolean holding = new AtomicBoolean();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void acknowledged(LoadMessage message, long nanoTime) {
                // idle: nothing is published
            }

            @Override
            public void received(LoadMessage message, long nanoTime) {
                // idle: nothing arrives
            }

            @Override
            public void failed(String what) {
                // before READY a failed login is reported by connect(), with the server's CONNECT_ACK code
                if (holding.get() && reported.compareAndSet(false, true)) {
                    System.out.println(FAILED + " " + what);
                }
            }
        };
        List<MessagingClient> clients = new ArrayList<>();
        try (ClientFactory factory = factory(protocol, host, port)) {
            try {
                for (int i = first; i < first + count; i++) {
                    String name = prefix + i;
                    clients.add(factory.connect(new BenchAccount(name, name + "-secret", 0), List.of(), listener));
                }
            } catch (IOException e) {
                System.out.println(FAILED + " after " + clients.size() + " connections: " + e.getMessage());
                System.exit(1);
            }
            holding.set(true);
            System.out.println(READY + " " + clients.size());
            InputStream in = System.in;
            while (in.read() >= 0) {
                // hold the connections until the suite closes this process's input
            }
            clients.forEach(MessagingClient::close);
        }
        System.exit(0);
    }

    private static ClientFactory factory(String protocol, String host, int port) {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        return switch (protocol) {
            case "ws" -> new BinaryWebSocketProtocol(URI.create("ws://" + host + ":" + port + "/ws"), payload);
            case "tcp" -> new BinaryTcpProtocol(host, port, payload);
            case "mqtt" -> new HiveMqttProtocol(host, port, "Mosquitto", 0, payload);
            default -> throw new IllegalArgumentException("protocol ws, tcp or mqtt, not " + protocol);
        };
    }
}
