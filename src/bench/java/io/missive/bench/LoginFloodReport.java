package io.missive.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The login flood's section of docs/benchmarks.md. */
final class LoginFloodReport {

    static final String HEADING = "## 7. Login flood";

    private LoginFloodReport() {
    }

    /** The section, empty when the scenario did not run. */
    static String section(LoginFloodResult flood) {
        if (flood == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append(String.format("A steady durable p2p load over binary/tcp (%,.0f msg/s, acknowledged after the commit) while %d"
                        + " threads of the load generator send bad logins, each on a new connection (CONNECT with a wrong"
                        + " password, wait for CONNECT_ACK, close): first bad passwords for one existing account from one"
                        + " address, then unknown usernames from 250 loopback addresses (127.0.0.2 to 127.0.0.251), each a"
                        + " full credential check (a PBKDF2 of %,d iterations, `bench.password-iterations`; Missive's default"
                        + " is 600,000; an unknown user costs the same). Goal (issue 17): a"
                        + " flood from one address does not raise the others' delivery latency noticeably, taken as a delivery"
                        + " p99 at most %.0f%% over the phase without a flood (or %d ms over it, whichever is more), nothing"
                        + " lost. The flooding threads' CPU counts in the load generator's; the server's CPU per bad login is"
                + " Missive's and PostgreSQL's cores over those of the phase without a flood, per attempt, where that rise"
                + " is more than the two phases without a flood (the first and the last) differ by.%n%n",
                flood.rate(), flood.threads(), flood.passwordIterations(), (LoginFloodResult.NOTICEABLE_FACTOR - 1) * 100,
                LoginFloodResult.NOTICEABLE_MICROS / 1000));
        out.append("| phase | delivered msg/s | p50 (ms) | p99 (ms) | p99.9 (ms) | errors | bad logins/s | CONNECT_ACK codes"
                + " | cores: Missive, PostgreSQL, load generator | server CPU per bad login | verdict |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | --- |\n");
        for (LoginFloodResult.Phase phase : flood.phases()) {
            StepResult load = phase.load();
            String verdict = phase == flood.quiet() ? "(reference)"
                    : (flood.unaffected(phase) ? "not noticeable" : "RAISED");
            if (phase.name().contains("one address")) {
                verdict = (flood.unaffected(phase) ? "met: " : "NOT met: ") + verdict;
            }
            out.append(String.format("| %s | %,.0f | %s | %s | %s | %,d | %,.0f | %s | %s | %s | %s |%n", phase.name(),
                    load.deliveredRate(), LatencyHistograms.millis(load.p50()), LatencyHistograms.millis(load.p99()),
                    LatencyHistograms.millis(load.p999()), load.errors(), phase.attemptsPerSecond(), codes(phase),
                    cores(load.cpu()), perLogin(flood, phase), verdict));
        }
        out.append("\nCONNECT_ACK 3 is bad credentials (checked), 5 is server unavailable: refused unchecked by the login"
                + " throttle (per address, per username) or by a full credential-check pool (`missive.auth.*`,"
                + " docs/reliability.md).\n\n");
        return out.toString();
    }

    private static String perLogin(LoginFloodResult flood, LoginFloodResult.Phase phase) {
        double micros = flood.serverMicrosPerLogin(phase);
        if (Double.isNaN(micros)) {
            return "";
        }
        return flood.riseMeasurable(phase) ? String.format("%,.0f µs", micros)
                : String.format("not measurable (cores within the %.2f the phases without a flood differ by)",
                        flood.quietSpread());
    }

    private static String codes(LoginFloodResult.Phase phase) {
        if (phase.answers().isEmpty() && phase.noAnswer() == 0) {
            return "";
        }
        String codes = new TreeMap<>(phase.answers()).entrySet().stream()
                .map(e -> String.format("%d: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return phase.noAnswer() == 0 ? codes : codes + String.format(", no answer: %,d", phase.noAnswer());
    }

    private static String cores(CpuShares cpu) {
        Map<String, Double> cores = cpu.cores();
        return String.format("%.2f, %.2f, %.2f", cores.getOrDefault("Missive", 0.0), cores.getOrDefault("PostgreSQL", 0.0),
                cores.getOrDefault(CpuShares.LOAD_GENERATOR, 0.0));
    }
}
