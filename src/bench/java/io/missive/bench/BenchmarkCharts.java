package io.missive.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The PNG charts of docs/bench/, drawn with XChart. Every chart carries the machine and the date
 * in its lower corner, so that a chart copied elsewhere still says where it came from.
 */
final class BenchmarkCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private final Path directory;
    private final String caption;

    BenchmarkCharts(Path directory, MachineInfo machine) throws IOException {
        this.directory = Files.createDirectories(directory);
        // short enough to fit the corner: the full JDK and OS are in docs/benchmarks.md
        this.caption = machine.cores() + " cores " + machine.cpuModel() + ", " + machine.memory() + ", JDK "
                + System.getProperty("java.version") + "; " + machine.date();
    }

    /** The server's CPU per message at the one rate, a bar per target split by process; returns the file name. */
    String costChart(List<P2pResult> results) throws IOException {
        List<P2pResult> measured = results.stream().filter(r -> r.cost() != null).toList();
        if (measured.isEmpty()) {
            return null;
        }
        List<String> names = measured.stream().map(P2pResult::target).toList();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format("server CPU per message at %,.0f msg/s (durable: Missive + PostgreSQL)",
                        measured.get(0).cost().offeredRate()))
                .xAxisTitle("").yAxisTitle("µs of CPU per message").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (String group : List.of(CostReport.MISSIVE, CostReport.POSTGRESQL, CostReport.MOSQUITTO)) {
            chart.addSeries(group, names, measured.stream().map(r -> CostReport.microsPerMessage(r, group)).toList());
        }
        return save(chart, "p2p-cost");
    }

    /** p99 against offered rate, one line per target; returns the file name. */
    String rampChart(List<P2pResult> results) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("p2p ramp: p99 latency by offered rate (100-byte messages)")
                .xAxisTitle("offered rate, messages/s").yAxisTitle("p99 latency, ms").build();
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(7);
        for (P2pResult result : results) {
            if (result.ramp().isEmpty()) {
                continue;
            }
            List<Double> rates = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            result.ramp().stream()
                    .sorted((a, b) -> Double.compare(a.offeredRate(), b.offeredRate()))
                    .filter(step -> step.delivery().getTotalCount() > 0)
                    .forEach(step -> {
                        rates.add(step.offeredRate());
                        p99s.add(Math.max(0.01, step.p99() / 1000.0));
                    });
            if (!rates.isEmpty()) {
                chart.addSeries(result.target(), rates, p99s);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        chart.addAnnotation(new AnnotationLine(P2pLoad.P99_LIMIT.toMillis(), false, false));
        return save(chart, "p2p-ramp");
    }

    /** The highest sustained rate of each target; returns the file name. */
    String maxThroughputChart(List<P2pResult> results) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (P2pResult result : results) {
            if (!result.ramp().isEmpty()) {
                names.add(result.target() + (result.durable() ? " (durable)" : ""));
                rates.add(result.maxSustained());
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("p2p: highest sustained rate (every message delivered, p99 <= 50 ms)")
                .xAxisTitle("").yAxisTitle("messages/s").build();
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("maximum sustained", names, rates);
        return save(chart, "p2p-max-throughput");
    }

    /** Latency by percentile at half of each maximum; returns the file name. */
    String latencyChart(List<P2pResult> results) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("p2p latency by percentile, at half of each maximum")
                .xAxisTitle("percentile").yAxisTitle("latency from intended send to arrival, ms").build();
        chart.getStyler().setYAxisLogarithmic(true)
                .setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(0);
        // x is log10(1/(1-p)) on a linear axis (XChart drops log ticks with a custom formatter): 1 is the
        // 90th percentile, 3 the 99.9th. XChart insists on distinct labels, so every tick gets its percentile.
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(6.0);
        chart.setCustomXAxisTickLabelsFormatter(x -> trim(100 * (1 - Math.pow(10, -x))) + "%");
        for (P2pResult result : results) {
            StepResult latency = result.latency();
            if (latency == null || latency.delivery().getTotalCount() == 0) {
                continue;
            }
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            Histogram histogram = latency.delivery();
            for (HistogramIterationValue value : histogram.percentiles(5)) {
                double p = value.getPercentileLevelIteratedTo() / 100;
                if (p >= 1) {
                    break;
                }
                xs.add(Math.log10(1 / (1 - p)));
                ys.add(Math.max(0.01, value.getValueIteratedTo() / 1000.0));
            }
            chart.addSeries(String.format("%s at %,.0f msg/s", result.target(), latency.offeredRate()), xs, ys);
        }
        if (chart.getSeriesMap().isEmpty()) {
            return null;
        }
        return save(chart, "p2p-latency");
    }

    /** Median time to the last member, a bar per target in each group size; returns the file name. */
    String fanOutChart(List<FanOutResult> results) throws IOException {
        List<FanOutResult> completed = results.stream().filter(r -> r.medianToLast() >= 0).toList();
        if (completed.isEmpty()) {
            return null;
        }
        List<Integer> sizes = completed.stream().map(FanOutResult::members).distinct().sorted().toList();
        List<String> categories = sizes.stream().map(n -> String.format("%,d members", n)).toList();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("group fan-out, every member online: median time to the last member")
                .xAxisTitle("").yAxisTitle("ms").build();
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        for (String target : completed.stream().map(FanOutResult::target).distinct().toList()) {
            // a size this target did not complete stays at 0, so that every series has every category
            List<Double> millis = sizes.stream().map(n -> completed.stream()
                    .filter(r -> r.target().equals(target) && r.members() == n).findFirst()
                    .map(r -> r.medianToLast() / 1000.0).orElse(0.0)).toList();
            chart.addSeries(target, categories, millis);
        }
        return save(chart, "fan-out");
    }

    private static String trim(double percentile) {
        String text = String.format(java.util.Locale.ROOT, "%.5f", percentile);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private String save(Chart<?, ?> chart, String name) throws IOException {
        // screen space counts y from the bottom: the lower right corner, above the axis labels
        chart.addAnnotation(new AnnotationTextPanel(caption, WIDTH - 580, 95, true));
        BitmapEncoder.saveBitmap(chart, directory.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name + ".png";
    }
}
