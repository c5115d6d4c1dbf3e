package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.cloudcheckkit.archive.Reconciler;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.config.Components;

/**
 * Runs on a schedule: retries failed archives, reconciles open Go requests and pending Akahu sessions with
 * Cloudcheck, and polls results zips. Invoked with {@code {"redrive": "failed"}} it puts every FAILED result back to
 * work instead (the operator's one command; see README).
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final Reconciler reconciler;
    private final Clock clock;

    public ReconcileHandler() {
        this(Components.fromEnvironment(System.getenv()));
    }

    public ReconcileHandler(Components components) {
        this(components.reconciler(), components.clock());
    }

    public ReconcileHandler(Reconciler reconciler, Clock clock) {
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input != null && "failed".equals(input.get("redrive"))) {
            return Map.of("redriven", reconciler.redriveFailed());
        }
        Deadline deadline = Deadline.after(Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis())
                .minus(MARGIN), clock);
        Reconciler.Run run = reconciler.run(deadline);
        return Map.of("retried", run.retried(), "reconciled", run.reconciled(), "zipsPolled", run.zipsPolled());
    }
}
