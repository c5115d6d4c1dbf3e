package org.cloudcheckkit.metrics;

import java.time.Duration;

/**
 * Records what an operator should see, where it happens. Functions write CloudWatch's embedded metric format
 * ({@link EmbeddedMetrics}); tests record.
 */
@FunctionalInterface
public interface Metrics {
    Metrics NONE = measurement -> {
    };

    void record(Measurement measurement);

    /** Adds {@code value} to a count. */
    default void count(Metric metric, long value) {
        record(new Measurement(metric, value, null));
    }

    /** Adds one to a count that is also kept per value of its breakdown dimension. */
    default void countBy(Metric metric, String breakdownValue) {
        record(new Measurement(metric, 1, breakdownValue));
    }

    default void time(Metric metric, Duration elapsed) {
        record(new Measurement(metric, elapsed.toMillis(), null));
    }
}
