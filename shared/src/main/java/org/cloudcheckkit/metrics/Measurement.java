package org.cloudcheckkit.metrics;

/**
 * One value of a metric: a count, or milliseconds for a time.
 *
 * @param breakdownValue the value of the metric's breakdown dimension (a Cloudcheck error code); null when it has none
 */
public record Measurement(Metric metric, long value, String breakdownValue) {
}
