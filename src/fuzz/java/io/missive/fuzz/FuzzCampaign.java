package io.missive.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code ./mvnw -Pfuzz}: fuzzes every {@link FuzzTest} method of the test classes ({@code *FuzzTest})
 * for {@code fuzz.seconds} each, one JVM per target (Jazzer fuzzes one target per run), and writes
 * each target's executions, coverage and outcome to {@code target/fuzz-report.txt}. A target's full
 * output is in {@code target/fuzz/<Class>.<method>.log}; its new corpus in
 * {@code .cifuzz-corpus/<Class>/<method>}, a crash input in the target's {@code Inputs} directory
 * under {@code src/test/resources}, where {@code ./mvnw verify} replays it.
 *
 * <p>Run as {@code FuzzCampaign <test classes> <seconds> [target filter]}; a child runs as
 * {@code FuzzCampaign --one <Class#method>}.
 */
public final class FuzzCampaign {

    /** libFuzzer's last words: {@code stat::number_of_executed_units: N} (asked for with -print_final_stats). */
    private static final Pattern EXECUTED = Pattern.compile("stat::number_of_executed_units:\\s*(\\d+)");
    private static final Pattern DONE = Pattern.compile("#(\\d+)\\s+DONE\\s+cov: (\\d+) ft: (\\d+) corp: (\\d+)/");
    private static final Pattern SECONDS = Pattern.compile("Done (\\d+) runs in (\\d+) second");
    /** What libFuzzer counts as one hung input, in seconds: decoding a few KiB takes microseconds. */
    private static final int HANG_SECONDS = 10;

    private FuzzCampaign() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--one")) {
            System.exit(runOne(args[1]));
        }
        Path classes = Paths.get(args[0]);
        int seconds = Integer.parseInt(args[1]);
        String filter = args.length > 2 ? args[2] : "";
        List<String> targets = targets(classes, filter);
        if (targets.isEmpty()) {
            throw new IllegalStateException("no @FuzzTest method in " + classes + " matches '" + filter + "'");
        }
        Path logs = Paths.get("target", "fuzz");
        Files.createDirectories(logs);
        List<String> report = new ArrayList<>();
        report.add(String.format("%-62s %12s %6s %9s %6s %6s  %s", "target", "executions", "secs", "exec/s", "cov",
                "corpus", "outcome"));
        boolean allPassed = true;
        for (String target : targets) {
            Path log = logs.resolve(target.replace('#', '.') + ".log");
            System.out.println("Fuzzing " + target + " for " + seconds + " s (log: " + log + ")");
            int exit = fuzz(target, seconds, log);
            String line = summary(target, exit, Files.readString(log));
            System.out.println(line);
            report.add(line);
            allPassed &= exit == 0;
        }
        Path reportFile = Paths.get("target", "fuzz-report.txt");
        Files.write(reportFile, report);
        System.out.println(String.join(System.lineSeparator(), report));
        System.out.println("Written to " + reportFile);
        if (!allPassed) {
            System.exit(1);
        }
    }

    /** Every {@code Class#method} annotated {@link FuzzTest} in a {@code *FuzzTest} class under {@code classes}. */
    static List<String> targets(Path classes, String filter) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith("FuzzTest.class")).sorted().toList()) {
                String name = classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                name = name.substring(0, name.length() - ".class".length());
                Class<?> type;
                try {
                    type = Class.forName(name, false, FuzzCampaign.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                for (Method method : Stream.of(type.getDeclaredMethods())
                        .sorted(Comparator.comparing(Method::getName)).toList()) {
                    String target = name + "#" + method.getName();
                    if (method.isAnnotationPresent(FuzzTest.class) && target.contains(filter)) {
                        found.add(target);
                    }
                }
            }
        }
        return found;
    }

    private static int fuzz(String target, int seconds, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Djazzer.max_duration=" + seconds + "s",
                // libFuzzer's own flags: argument 0 stands for its program name
                "-Djazzer.internal.arg.0=fuzz",
                "-Djazzer.internal.arg.1=-timeout=" + HANG_SECONDS,
                "-Djazzer.internal.arg.2=-print_final_stats=1",
                "-cp", System.getProperty("java.class.path"),
                FuzzCampaign.class.getName(), "--one", target));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAZZER_FUZZ", "1");
        return builder.start().waitFor();
    }

    /** Runs one fuzz test through JUnit, as Jazzer expects; 0 if it passed. */
    private static int runOne(String target) throws ClassNotFoundException {
        Class<?> type = Class.forName(target.substring(0, target.indexOf('#')));
        String name = target.substring(target.indexOf('#') + 1);
        Method method = Stream.of(type.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(FuzzTest.class)).findFirst().orElseThrow();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectMethod(type, method))
                .filters(EngineFilter.includeEngines("junit-jupiter")).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printTo(new java.io.PrintWriter(System.out, true));
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 40);
        return summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1;
    }

    static String summary(String target, int exit, String log) {
        long executions = last(EXECUTED, log, 1);
        long seconds = last(SECONDS, log, 2);
        long coverage = last(DONE, log, 2);
        long corpus = last(DONE, log, 4);
        String outcome = exit == 0 ? "no finding" : log.contains("libFuzzer: timeout") ? "HANG (see log)"
                : log.contains("== Java Exception") ? "FINDING (see log)" : "FAILED (see log)";
        return String.format("%-62s %,12d %6d %,9d %6d %6d  %s", shorten(target), executions, seconds,
                seconds > 0 ? executions / seconds : 0, coverage, corpus, outcome);
    }

    private static long last(Pattern pattern, String log, int group) {
        Matcher m = pattern.matcher(log);
        long value = -1;
        while (m.find()) {
            value = Long.parseLong(m.group(group));
        }
        return value;
    }

    private static String shorten(String target) {
        return target.startsWith("io.missive.") ? target.substring("io.missive.".length()) : target;
    }
}
