package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.idempotency.Idempotency;
import org.cloudcheckkit.idempotency.Reply;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every API route does around its own step: reads the event, bounds the work by the Lambda's remaining
 * time, applies Idempotency-Key where the route asks for it, maps any failure through {@link ErrorMapping}, and logs
 * one line per request (route, status, time; never a body).
 */
public final class ApiRoutes {
    private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
    /** Kept back from the Lambda's remaining time so an answer can still be written. */
    private static final Duration RESPONSE_MARGIN = Duration.ofMillis(1_500);
    private static final Duration NO_CONTEXT_DEADLINE = Duration.ofSeconds(25);

    private final ObjectMapper json;
    private final ErrorMapping errors;
    private final Idempotency idempotency;
    private final String callbackBaseUrl;
    private final String tenantClaim;
    private final AuditTrail auditTrail;
    private final Metrics metrics;
    private final Clock clock;

    public ApiRoutes(ObjectMapper json, Idempotency idempotency, String callbackBaseUrl, String tenantClaim,
                     AuditTrail auditTrail, Metrics metrics, Clock clock) {
        this.json = json;
        this.errors = new ErrorMapping(json);
        this.idempotency = idempotency;
        this.callbackBaseUrl = callbackBaseUrl;
        this.tenantClaim = tenantClaim;
        this.auditTrail = auditTrail;
        this.metrics = metrics;
        this.clock = clock;
    }

    public static ApiRoutes from(Components components) {
        return new ApiRoutes(components.json(), components.idempotency(), components.settings().callbackBaseUrl(),
                components.settings().tenantClaim(), components.auditTrail(), components.metrics(), components.clock());
    }

    /** A route's own step: given the request, produce the reply (or throw; the failure is mapped). */
    @FunctionalInterface
    public interface Route {
        Reply handle(ApiRequest request);
    }

    public APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context, Route route) {
        long started = System.nanoTime();
        Reply reply;
        String routeKey = event.getRouteKey();
        ApiRequest request = null;
        try {
            request = new ApiRequest(event, json, deadline(context), callbackBaseUrl, tenantClaim);
            reply = route.handle(request);
        } catch (RuntimeException failure) {
            reply = errors.map(failure, routeKey, request == null ? null : request.requestId());
        }
        if (request != null && request.caller().principal() != null) {
            audit(request, reply);
        }
        log.info("route=\"{}\" status={} ms={} requestId={}", routeKey, reply.status(),
                (System.nanoTime() - started) / 1_000_000, request == null ? null : request.requestId());
        return response(reply);
    }

    /**
     * Every front-end call is recorded with its principal, refusals included. A record that cannot be written does not
     * change the answer - the call was made - but is logged and counted, for an operator to alarm on.
     */
    private void audit(ApiRequest request, Reply reply) {
        try {
            auditTrail.record(request.caller().owner(), request.routeKey(), request.pathParameters(), reply.status(),
                    request.requestId());
        } catch (RuntimeException e) {
            metrics.count(Metric.AUDIT_WRITE_FAILURES, 1);
            log.error("route {} request {}: the audit record could not be written: {}", request.routeKey(),
                    request.requestId(), e.toString());
        }
    }

    /**
     * Runs {@code action} at most once per Idempotency-Key (header). The key stands for this exact request - this
     * caller, this route and its path parameters, this body - so the same key with anything else is refused, never
     * answered with another request's answer. Failures inside the action are mapped here, so that a definite answer
     * is kept for repeats and an unknown outcome is remembered as such.
     */
    public Reply idempotent(ApiRequest request, Supplier<Reply> action) {
        String key = request.header("Idempotency-Key");
        return idempotency.run(key, request.fingerprint(), () -> {
            try {
                return action.get();
            } catch (RuntimeException failure) {
                return errors.map(failure, request.routeKey(), request.requestId());
            }
        });
    }

    public Reply ok(Object body) {
        return Reply.keep(200, write(body));
    }

    public Reply created(Object body) {
        return Reply.keep(201, write(body));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply cannot be written as JSON", e);
        }
    }

    private Deadline deadline(Context context) {
        Duration remaining = context == null ? NO_CONTEXT_DEADLINE : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration usable = remaining.minus(RESPONSE_MARGIN);
        return Deadline.after(usable.isNegative() ? Duration.ZERO : usable, clock);
    }

    private static APIGatewayV2HTTPResponse response(Reply reply) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        if (reply.retryAfterSeconds() > 0) {
            headers.put("Retry-After", Long.toString(reply.retryAfterSeconds()));
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(reply.status())
                .withHeaders(headers)
                .withBody(reply.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
