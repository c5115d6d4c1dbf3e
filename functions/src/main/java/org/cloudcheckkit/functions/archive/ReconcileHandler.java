package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.cloudcheckkit.archive.Reconciler;
import org.cloudcheckkit.cloudcheck.CloudcheckJson;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.logging.LogContext;

/**
 * Runs on a schedule: retries failed archives, reconciles open Go requests and pending Akahu sessions with
 * Cloudcheck, and polls results zips. Invoked with {@code {"redrive": "failed"}} it puts every FAILED result back to
 * work instead (the operator's one command; see docs/archiving.md, "Re-driving failures"). A stream handler, so that
 * the runtime's event serializer is not part of its cold start.
 */
public final class ReconcileHandler implements RequestStreamHandler {
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = CloudcheckJson.newMapper();

    /**
     * SnapStart priming's own request of this function ({@link OwnRequests}): the schedule's run, which finds the request
     * priming created open and reconciles it, in memory.
     */
    public static final Function<Components, Runnable> OWN_REQUEST = OwnRequests.of(ReconcileHandler::new,
            "reconcile-schedule.json", answer -> answer.path("failures").asInt(-1) == 0);

    private final Reconciler reconciler;
    private final Clock clock;

    public ReconcileHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public ReconcileHandler(Components components) {
        this(components.reconciler(), components.clock());
    }

    public ReconcileHandler(Reconciler reconciler, Clock clock) {
        this.reconciler = reconciler;
        this.clock = clock;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        // The schedule's event carries nothing this needs; an empty payload is an ordinary run too.
        JsonNode event = JSON.readTree(input);
        boolean redrive = event != null && "failed".equals(event.path("redrive").asText(null));
        try (LogContext.Scope invocation = LogContext.invocation(context == null ? null : context.getAwsRequestId(), Map.of())) {
            JSON.writeValue(output, handle(redrive ? Map.of("redrive", "failed") : Map.of(), context));
        }
    }

    public Map<String, Object> handle(Map<String, Object> input, Context context) {
        if (input != null && "failed".equals(input.get("redrive"))) {
            return Map.of("redriven", reconciler.redriveFailed());
        }
        Deadline deadline = Deadline.after(Duration.ofMillis(context == null ? 60_000 : context.getRemainingTimeInMillis())
                .minus(MARGIN), clock);
        Reconciler.Run run = reconciler.run(deadline);
        return Map.of("retried", run.retried(), "leasesTakenOver", run.leasesTakenOver(), "reconciled", run.reconciled(),
                "zipsPolled", run.zipsPolled(), "intentsReviewed", run.intentsReviewed(), "failures", run.failures());
    }
}
