package io.missive.bench;

/** The soak's section of docs/benchmarks.md. */
final class SoakReport {

    static final String HEADING = "## 8. Soak";

    private SoakReport() {
    }

    /** The section, empty when the soak did not run. */
    static String section(SoakResult soak) {
        if (soak == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(HEADING).append("\n\n");
        out.append(String.format("A steady durable p2p load over %s (%s, %,.0f msg/s: %s) for %.1f minutes"
                        + " (`-Dbench.scenarios=soak`; an hour by default, `bench.soak.minutes` shortens it). After every"
                        + " interval the load drains and the server's Java heap in use after a full GC (`jcmd <pid> GC.run`,"
                        + " then `GC.heap_info`) and its resident memory (VmRSS) are read. Flat means a least-squares slope"
                        + " over the samples after the first of at most %.0f MiB per hour.%n%n",
                soak.target(), "publisher/subscriber pairs, each message acknowledged after its commit", soak.rate(),
                soak.rateFrom(), soak.seconds() / 60, SoakResult.FLAT_MIB_PER_HOUR));
        out.append("| sent | acknowledged | delivered | lost | errors | heap after GC | resident | verdict |\n");
        out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        boolean passed = soak.flat() && soak.lost() == 0 && soak.errors() == 0;
        out.append(String.format("| %,d | %,d | %,d | %,d | %,d | %+.1f MiB/h | %+.1f MiB/h | %s |%n%n", soak.sent(),
                soak.acknowledged(), soak.received(), soak.lost(), soak.errors(), soak.heapSlopeMibPerHour(),
                soak.residentSlopeMibPerHour(), passed ? "flat, nothing lost, no errors"
                        : (soak.flat() ? "flat" : "GROWING") + ", " + soak.lost() + " lost, " + soak.errors() + " errors"));
        out.append("| minute | heap after GC (MiB) | resident (MiB) | delivery p99 of the interval (ms) |\n");
        out.append("| ---: | ---: | ---: | ---: |\n");
        for (SoakResult.Sample s : soak.samples()) {
            out.append(String.format("| %.1f | %.1f | %.1f | %s |%n", s.minutes(), s.heapAfterGcKib() / 1024.0,
                    s.residentKib() / 1024.0, s.minutes() == 0 ? "(before the load)" : LatencyHistograms.millis(s.p99Micros())));
        }
        return out.append('\n').toString();
    }
}
