package org.cloudcheckkit.metrics;

import java.io.PrintStream;
import java.time.Clock;

/**
 * Metrics in CloudWatch's embedded metric format: one JSON line per count on standard output, which Lambda sends to
 * the function's log group, where CloudWatch turns it into a metric of namespace {@value #NAMESPACE}, dimension
 * {@code function}. No agent, no API call, nothing to wait for.
 */
public final class EmbeddedMetrics implements Metrics {
    public static final String NAMESPACE = "CloudcheckServerless";

    private final PrintStream out;
    private final Clock clock;
    private final String function;

    public EmbeddedMetrics(PrintStream out, Clock clock, String function) {
        this.out = out;
        this.clock = clock;
        this.function = function == null || function.isEmpty() ? "local" : function;
    }

    @Override
    public void count(String name, long value) {
        // Names and the function are this service's own identifiers: letters and digits, nothing to escape.
        out.println("{\"_aws\":{\"Timestamp\":" + clock.millis() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"function\"]],\"Metrics\":[{\"Name\":\"" + name + "\",\"Unit\":\"Count\"}]}]},"
                + "\"function\":\"" + function + "\",\"" + name + "\":" + value + "}");
    }
}
