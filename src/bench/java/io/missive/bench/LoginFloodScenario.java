package io.missive.bench;

import io.missive.bench.client.BadLoginFlood;
import io.missive.bench.client.BenchAccount;
import io.missive.bench.client.BinaryTcpProtocol;
import io.missive.bench.client.ClientFactory;
import io.missive.bench.client.LoadMessage;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The login flood ({@code bench.scenarios=login-flood}, issue 17): a steady durable p2p load over
 * binary/tcp at {@code bench.login-flood.rate}, its delivery latency measured in four phases of equal
 * length: alone; while threads send bad logins for one account from one address (what the login
 * throttle stops); while they guess unknown usernames from 250 loopback addresses (every guess a full
 * credential check, bounded by the per-address throttle and the credential-check pool); and after.
 */
final class LoginFloodScenario {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(15);
    private static final int SPREAD_ADDRESSES = 250;

    private final BenchOptions options;
    private final CpuMeter cpuMeter;
    private final PrintStream progress;

    LoginFloodScenario(BenchOptions options, CpuMeter cpuMeter, PrintStream progress) {
        this.options = options;
        this.cpuMeter = cpuMeter;
        this.progress = progress;
    }

    LoginFloodResult run(MissiveUnderTest missive) throws IOException, InterruptedException {
        ManagementApi api = missive.managementApi();
        List<BenchAccount[]> pairs = new ArrayList<>();
        for (int i = 1; i <= options.pairs(); i++) {
            pairs.add(new BenchAccount[] {api.user("flood-pub-" + i), api.user("flood-sub-" + i)});
        }
        String victim = api.user("flood-victim").username();
        BenchOptions.LoginFlood settings = options.loginFlood();
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", missive.binaryTcpPort());
        List<InetAddress> spread = new ArrayList<>();
        for (int i = 2; i < 2 + SPREAD_ADDRESSES; i++) {
            spread.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
        }
        progress.printf("%n== login flood: binary/tcp p2p at %,.0f msg/s, %d pairs, %d s per phase, %d flooding threads%n",
                settings.rate(), pairs.size(), settings.phase().toSeconds(), settings.threads());
        List<LoginFloodResult.Phase> phases = new ArrayList<>();
        try (ClientFactory tcp = new BinaryTcpProtocol("127.0.0.1", missive.binaryTcpPort(), LoadMessage.DEFAULT_PAYLOAD_BYTES);
             P2pConnections connections = new P2pConnections(tcp, tcp, pairs, options.window(), cpuMeter, progress)) {
            connections.recoverFrom(connections.load().run(0, settings.rate(), options.warmUp(), DRAIN_TIMEOUT));
            phases.add(phase("no flood", connections, 1, null));
            phases.add(phase("bad passwords for one account from one address", connections, 2, BadLoginFlood.start(server,
                    List.of(InetAddress.getLoopbackAddress()), n -> victim, settings.threads())));
            phases.add(phase("unknown usernames from " + SPREAD_ADDRESSES + " addresses", connections, 3,
                    BadLoginFlood.start(server, spread, n -> "flood-guess-" + n, settings.threads())));
            phases.add(phase("after the flood", connections, 4, null));
            progress.printf("  strays (late, not lost): %d%n", connections.strays());
        }
        return new LoginFloodResult(settings.rate(), settings.threads(), options.passwordIterations(), phases);
    }

    private LoginFloodResult.Phase phase(String name, P2pConnections connections, int step, BadLoginFlood flood)
            throws IOException, InterruptedException {
        P2pLoad load = connections.load();
        BenchOptions.LoginFlood settings = options.loginFlood();
        StepResult result;
        long attempts = 0;
        long failures = 0;
        Map<Integer, Long> answers = Map.of();
        if (flood == null) {
            result = load.run(step, settings.rate(), settings.phase(), DRAIN_TIMEOUT);
        } else {
            try (flood) {
                result = load.run(step, settings.rate(), settings.phase(), DRAIN_TIMEOUT);
                attempts = flood.attempts();
                failures = flood.failures();
                answers = flood.answers();
            }
        }
        LoginFloodResult.Phase phase = new LoginFloodResult.Phase(name, result, attempts / result.seconds(), failures, answers);
        progress.printf("  %s: %s%n    logins %,.0f/s, answers by CONNECT_ACK code %s, no answer %d%n", name, result.summary(),
                phase.attemptsPerSecond(), answers, failures);
        connections.recoverFrom(result);
        return phase;
    }
}
