package org.cloudcheckkit.metrics;

/**
 * Counts what an operator should see, where it happens. Functions write CloudWatch's embedded metric format
 * ({@link EmbeddedMetrics}); tests record.
 */
@FunctionalInterface
public interface Metrics {
    Metrics NONE = (name, value) -> {
    };

    /** Adds {@code value} to the count {@code name} (CloudWatch unit Count). */
    void count(String name, long value);
}
