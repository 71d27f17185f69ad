package io.missive.tcp;

import io.netty.util.ResourceLeakDetector;

import java.util.function.UnaryOperator;

/**
 * Netty's buffer-leak detector is off in a running server unless the operator turns it on with Netty's own
 * property ({@code -Dio.netty.leakDetection.level=simple|advanced|paranoid}). Netty's default samples one
 * buffer in 128 and records a stack trace for each, with a trace at every later touch: about 3% of Missive's
 * CPU per message at 4,000 msg/s over binary/tcp (async-profiler, docs/benchmarks.md), for a check that
 * belongs in tests. The unit tests run it paranoid, the integration tests at Netty's default.
 */
final class LeakDetectionDefault {

    static final String LEVEL = "io.netty.leakDetection.level";
    /** The name Netty still reads from before 4.0.15. */
    static final String LEGACY_LEVEL = "io.netty.leakDetectionLevel";

    private LeakDetectionDefault() {
    }

    /**
     * Turns the detector off where neither of Netty's properties is set; answers the level in force.
     *
     * @param systemProperty reads a system property, null where it is not set
     */
    static ResourceLeakDetector.Level apply(UnaryOperator<String> systemProperty) {
        if (systemProperty.apply(LEVEL) == null && systemProperty.apply(LEGACY_LEVEL) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        return ResourceLeakDetector.getLevel();
    }
}
