package org.cloudcheckkit.intents;

import java.util.function.Supplier;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckUnavailableException;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a billable Cloudcheck call under its write-ahead intent: the intent is recorded before the call; a call
 * Cloudcheck refused or never received closes it as NOT_MADE; any other failure leaves it open (Cloudcheck may have
 * acted), for a callback to adopt or the reconciler to count as stale.
 */
public final class WriteAhead {
    private static final Logger log = LoggerFactory.getLogger(WriteAhead.class);

    private final Intents intents;
    private final CrashPoints crashPoints;
    private final Metrics metrics;

    public WriteAhead(Intents intents, CrashPoints crashPoints, Metrics metrics) {
        this.intents = intents;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
    }

    /** Calls Cloudcheck for an intent already recorded. */
    public <T> T call(IntentItem intent, Supplier<T> call) {
        crashPoints.reach(CrashPoint.INTENT_RECORDED);
        T answer;
        try {
            answer = call.get();
        } catch (CloudcheckApiException | CloudcheckUnavailableException nothingMade) {
            // Refused, or never taken in: nothing exists at Cloudcheck for this intent.
            closeQuietly(intent, IntentItem.State.NOT_MADE, Intents.Outcome.NOTHING);
            throw nothingMade;
        }
        crashPoints.reach(CrashPoint.CLOUDCHECK_ANSWERED);
        return answer;
    }

    /**
     * Records what the call made; a failure to do so is logged and counted, never thrown: Cloudcheck acted, so the
     * caller must get its answer (an error would have it call again, and be billed twice). The intent keeps
     * Cloudcheck's identifiers if it can, for the reconciler to adopt; a callback adopts it otherwise.
     */
    public void record(IntentItem intent, Intents.Outcome outcome, Runnable record) {
        try {
            record.run();
        } catch (RuntimeException e) {
            metrics.count(Metric.UNRECORDED_CALLS, 1);
            log.error("{} {} was made at Cloudcheck (Go request {}) but could not be recorded; its intent stays open: {}",
                    intent.operation(), intent.intentId(), outcome.goApiReference(), e.toString());
            try {
                intents.noteOutcome(intent.key(), outcome);
            } catch (RuntimeException again) {
                log.error("intent {} could not note Cloudcheck's identifiers either: {}", intent.intentId(), again.toString());
            }
        }
        crashPoints.reach(CrashPoint.CALL_RECORDED);
    }

    private void closeQuietly(IntentItem intent, IntentItem.State state, Intents.Outcome outcome) {
        try {
            intents.close(intent.key(), state, outcome);
        } catch (RuntimeException e) {
            // It turns stale and is shown to its owner: safe, if noisy.
            log.warn("intent {} could not be closed as {}: {}", intent.intentId(), state, e.toString());
        }
    }
}
