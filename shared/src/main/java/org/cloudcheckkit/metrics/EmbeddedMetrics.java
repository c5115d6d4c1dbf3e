package org.cloudcheckkit.metrics;

import java.io.PrintStream;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Metrics in CloudWatch's embedded metric format: one JSON line per measurement on standard output, which Lambda sends
 * to the function's log group, where CloudWatch turns it into a metric of namespace {@value #NAMESPACE}: per
 * {@code function}, per {@code stack} (the total that template.yaml's alarms watch), and per stack and breakdown value
 * when the metric has one. No agent, no API call, nothing to wait for.
 */
public final class EmbeddedMetrics implements Metrics {
    public static final String NAMESPACE = "CloudcheckServerless";
    /** What a breakdown value may be (Cloudcheck's codes: 101, SERVICE_NOT_AVAILABLE); anything else counts as "other". */
    private static final Pattern BREAKDOWN_VALUE = Pattern.compile("[A-Za-z0-9_]{1,40}");

    private final PrintStream out;
    private final Clock clock;
    private final String function;
    private final String stack;

    public EmbeddedMetrics(PrintStream out, Clock clock, String function, String stack) {
        this.out = out;
        this.clock = clock;
        this.function = function;
        this.stack = stack;
    }

    @Override
    public void record(Measurement measurement) {
        Metric metric = measurement.metric();
        // Metric names, the function and the stack are identifiers of this service and of CloudFormation (letters,
        // digits, hyphens), and a breakdown value is a code of letters, digits and underscores: nothing to escape.
        StringBuilder line = new StringBuilder(320);
        line.append("{\"_aws\":{\"Timestamp\":").append(clock.millis()).append(",\"CloudWatchMetrics\":[{\"Namespace\":\"")
                .append(NAMESPACE).append("\",\"Dimensions\":[[\"function\"],[\"stack\"]");
        if (metric.breakdown() != null) {
            line.append(",[\"stack\",\"").append(metric.breakdown()).append("\"]");
        }
        line.append("],\"Metrics\":[{\"Name\":\"").append(metric.metricName()).append("\",\"Unit\":\"")
                .append(metric.unit().cloudWatchName()).append("\"}]}]},\"function\":\"").append(function)
                .append("\",\"stack\":\"").append(stack).append('"');
        if (metric.breakdown() != null) {
            String value = measurement.breakdownValue();
            line.append(",\"").append(metric.breakdown()).append("\":\"")
                    .append(value != null && BREAKDOWN_VALUE.matcher(value).matches() ? value : "other").append('"');
        }
        out.println(line.append(",\"").append(metric.metricName()).append("\":").append(measurement.value()).append('}'));
    }
}
