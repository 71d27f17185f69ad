/**
 * The benchmark suite: {@link io.missive.bench.BenchmarkSuite} starts Missive (on its embedded
 * PostgreSQL) and Mosquitto, drives them with the load generator of
 * {@link io.missive.bench.client}, and writes {@code docs/benchmarks.md} and the charts of
 * {@code docs/bench/}.
 *
 * <p>Latency is measured without coordinated omission: every publisher follows a fixed-rate
 * schedule ({@link io.missive.bench.FixedRateSchedule}), the intended send time travels in the
 * payload, and latency is counted from that time, so a server (or a window) that makes the
 * sender wait is charged for the wait. In the p2p scenarios sender and receiver are one JVM, so
 * {@link System#nanoTime()} is a common clock; where receivers live in client JVMs (the fan-out),
 * {@link io.missive.bench.SharedClock} puts every process's times on one time line.
 *
 * <p>This code is compiled only by the {@code bench} Maven profile; {@code ./mvnw verify} never sees it.
 */
package io.missive.bench;
