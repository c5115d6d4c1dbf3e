package org.cloudcheckkit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of measured times. */
final class Statistics {

    private Statistics() {
    }

    static long median(List<Long> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, double percentile) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String ratio(long value, long floor) {
        return floor == 0 ? "n/a" : String.format("%.2f×", (double) value / floor);
    }
}
