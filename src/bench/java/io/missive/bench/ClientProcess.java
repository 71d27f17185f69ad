package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.MsgdProtocol;
import io.missive.bench.client.BinaryWebSocketProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.DeliveryListener;
import io.missive.bench.client.Destination;
import io.missive.bench.client.FishChatProtocol;
import io.missive.bench.client.HiveMqttProtocol;
import io.missive.bench.client.LoadMessage;
import io.missive.bench.client.MessagingClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client JVM of the suite ({@link ClientProcesses} starts them), so that no process holds more
 * connections than this machine's open-file limit allows: connects users {@code <prefix><first>} to
 * {@code <prefix><first + count - 1>}, prints {@value #READY} and holds them until its standard input
 * closes, then disconnects them and exits. Arguments: protocol ({@code ws}, {@code tcp},
 * {@code msgd}, {@code fishchat} or {@code mqtt}), host, port (or ports, comma-separated), user-name prefix, first index, count,
 * and for fan-out members a group id and name. Missive users have the suite's password,
 * {@code <name>-secret}.
 *
 * <p>Fan-out members report the arrivals of each round's message as one line,
 * {@value #ARRIVED}{@code  <round> <microseconds since the epoch>...} on {@link SharedClock}'s time
 * line, once all of this process's members have it, or at once when the suite sends
 * {@value #REPORT}{@code  <round>} (a round that timed out).
 */
final class ClientProcess {

    static final String READY = "READY";
    static final String FAILED = "FAILED";
    static final String ARRIVED = "ARRIVED";
    static final String REPORT = "REPORT";

    private ClientProcess() {
    }

    public static void main(String[] args) throws IOException {
        String protocol = args[0];
        String host = args[1];
        // user i connects to port i % ports: the nodes of a cluster get as many each
        int[] ports = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        String prefix = args[3];
        int first = Integer.parseInt(args[4]);
        int count = Integer.parseInt(args[5]);
        List<Destination.Group> groups = args.length > 7
                ? List.of(new Destination.Group(Long.parseLong(args[6]), args[7])) : List.of();
        Arrivals arrivals = new Arrivals(count);
        List<MessagingClient> clients = new ArrayList<>();
        List<ClientFactory> factories = Arrays.stream(ports).mapToObj(port -> factory(protocol, host, port)).toList();
        try {
            try {
                for (int i = first; i < first + count; i++) {
                    String name = prefix + i;
                    clients.add(factories.get(i % ports.length).connect(new BenchAccount(name, name + "-secret", 0),
                            groups, arrivals));
                }
            } catch (IOException e) {
                System.out.println(FAILED + " after " + clients.size() + " connections: " + e.getMessage());
                System.exit(1);
            }
            arrivals.holding.set(true);
            System.out.println(READY + " " + clients.size());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(REPORT + " ")) {
                    arrivals.report(Integer.parseInt(line.substring(REPORT.length() + 1).trim()));
                }
            }
            clients.forEach(MessagingClient::close);
        } finally {
            factories.forEach(ClientFactory::close);
        }
        System.exit(0);
    }

    private static ClientFactory factory(String protocol, String host, int port) {
        int payload = LoadMessage.DEFAULT_PAYLOAD_BYTES;
        return switch (protocol) {
            case "ws" -> new BinaryWebSocketProtocol(URI.create("ws://" + host + ":" + port + "/ws"), payload);
            case "tcp" -> new BinaryTcpProtocol(host, port, payload);
            case "msgd" -> new MsgdProtocol(host, port, payload);
            case "fishchat" -> new FishChatProtocol(host, port, payload);
            // QoS 1: fan-out members acknowledge what they receive, as the binary protocol's do
            case "mqtt" -> new HiveMqttProtocol(host, port, "MQTT", 1, payload);
            default -> throw new IllegalArgumentException("protocol ws, tcp, msgd, fishchat or mqtt, not " + protocol);
        };
    }

    /** The arrivals of each round (a message's step is its round), in microseconds on the shared time line. */
    private static final class Arrivals implements DeliveryListener {
        final int members;
        final AtomicBoolean holding = new AtomicBoolean();
        private final AtomicBoolean failureReported = new AtomicBoolean();
        private final Map<Integer, List<Long>> rounds = new ConcurrentHashMap<>();

        Arrivals(int members) {
            this.members = members;
        }

        @Override
        public void acknowledged(LoadMessage message, long nanoTime) {
            // members publish nothing
        }

        @Override
        public void received(LoadMessage message, long nanoTime) {
            long micros = SharedClock.epochNanos(nanoTime) / 1000;
            List<Long> round = rounds.computeIfAbsent(message.step(), r -> new ArrayList<>());
            boolean complete;
            synchronized (round) {
                round.add(micros);
                complete = round.size() == members;
            }
            if (complete) {
                report(message.step());
            }
        }

        void report(int round) {
            List<Long> arrived = rounds.getOrDefault(round, List.of());
            StringBuilder line = new StringBuilder(ARRIVED).append(' ').append(round);
            synchronized (arrived) {
                arrived.forEach(micros -> line.append(' ').append(micros));
            }
            synchronized (System.out) {
                System.out.println(line);
            }
        }

        @Override
        public void failed(String what) {
            // before READY a failed login is reported by connect(), with the server's answer
            if (holding.get() && failureReported.compareAndSet(false, true)) {
                synchronized (System.out) {
                    System.out.println(FAILED + " " + what);
                }
            }
        }
    }
}
