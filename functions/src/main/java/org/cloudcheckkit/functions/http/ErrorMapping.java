package org.cloudcheckkit.functions.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.callbacks.CallbackRejectedException;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.CloudcheckOutcomeUnknownException;
import org.cloudcheckkit.cloudcheck.CloudcheckProtocolException;
import org.cloudcheckkit.cloudcheck.CloudcheckUnavailableException;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.idempotency.IdempotencyConflictException;
import org.cloudcheckkit.idempotency.Reply;
import org.cloudcheckkit.idempotency.Reply.Disposition;
import org.cloudcheckkit.secrets.SecretUnavailableException;
import org.cloudcheckkit.validation.Problem;
import org.cloudcheckkit.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure's HTTP answer, in one place: status, a JSON body {@code {"error": {"code", "message", ...}}} that
 * names fields and rules, never a stack trace; and what a repeat of the same Idempotency-Key should get.
 */
public final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ObjectMapper json;

    public ErrorMapping(ObjectMapper json) {
        this.json = json;
    }

    public Reply map(Throwable failure, String route, String requestId) {
        if (failure instanceof ValidationException invalid) {
            return answer(400, "VALIDATION_FAILED", invalid.getMessage(), Disposition.FORGET, body -> body.set("problems", problems(invalid.problems())));
        }
        if (failure instanceof ApiRequest.BodyTooLargeException tooLarge) {
            return answer(413, "BODY_TOO_LARGE", tooLarge.getMessage(), Disposition.FORGET, body -> { });
        }
        if (failure instanceof CallbackRejectedException rejected) {
            return answer(rejected.status(), "CALLBACK_REJECTED", "this call is not from a URL this service gave out",
                    Disposition.FORGET, body -> { });
        }
        if (failure instanceof NotFoundException notFound) {
            return answer(404, notFound.code(), notFound.getMessage(), Disposition.KEEP, body -> { });
        }
        if (failure instanceof IdempotencyConflictException conflict) {
            int status = conflict.reason() == IdempotencyConflictException.Reason.DIFFERENT_REQUEST ? 422 : 409;
            return answer(status, "IDEMPOTENCY_" + conflict.reason().name(), conflict.getMessage(), Disposition.FORGET, body -> { });
        }
        if (failure instanceof CloudcheckException cloudcheck) {
            return cloudcheck(cloudcheck, route);
        }
        if (failure instanceof SecretUnavailableException secret) {
            log.error("route {} request {}: {}", route, requestId, secret.getMessage());
            return retryLater(answer(503, "SERVICE_UNAVAILABLE", "a dependency is unavailable; try again shortly",
                    Disposition.FORGET, body -> { }));
        }
        log.error("route {} request {} failed", route, requestId, failure);
        // How far it got is unknown, so a repeat with the same Idempotency-Key must not act again.
        return answer(500, "INTERNAL_ERROR", "something went wrong; the request id is " + requestId,
                Disposition.OUTCOME_UNKNOWN, body -> { });
    }

    private Reply cloudcheck(CloudcheckException failure, String route) {
        if (failure instanceof CloudcheckUnavailableException unavailable) {
            return answer(503, "CLOUDCHECK_UNAVAILABLE", "Cloudcheck did not answer; try again shortly",
                    Disposition.FORGET, body -> { }).withRetryAfter(unavailable.retryAfter().orElse(RETRY_AFTER).toSeconds());
        }
        if (failure instanceof CloudcheckOutcomeUnknownException) {
            return answer(502, "CLOUDCHECK_OUTCOME_UNKNOWN", "the request reached Cloudcheck but its answer was lost, so it "
                    + "may have been carried out; check before sending it again", Disposition.OUTCOME_UNKNOWN, body -> { });
        }
        if (failure instanceof CloudcheckProtocolException protocol) {
            log.error("route {}: Cloudcheck answered {} with something unreadable: {}", route, protocol.path(), protocol.getMessage());
            return answer(502, "CLOUDCHECK_BAD_ANSWER", "Cloudcheck's answer could not be read", Disposition.OUTCOME_UNKNOWN,
                    body -> { });
        }
        CloudcheckApiException api = (CloudcheckApiException) failure;
        if (!api.recipients().isEmpty() || api.recipientCode() != null) {
            return answer(422, "RECIPIENTS_REJECTED", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("problems", recipientProblems(api)));
        }
        if (api.isMissingOrInvalidToken()) {
            // 105, or seed 000's "Missing or invalid token", which comes with no code of its own.
            return answer(404, "NOT_FOUND_AT_CLOUDCHECK", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("cloudcheck", cloudcheckError(api)));
        }
        if (api.numericCode().isEmpty()) {
            return answer(502, "CLOUDCHECK_ERROR", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("cloudcheck", cloudcheckError(api)));
        }
        int code = api.numericCode().getAsInt();
        return switch (code) {
            case 101, 106 -> {
                // Our credentials, not the caller's fault: somebody must fix the secret.
                log.error("route {}: Cloudcheck refused our API key or signature ({}) on {}; check the Cloudcheck secret",
                        route, code, api.path());
                yield answer(502, "CLOUDCHECK_CREDENTIALS_REJECTED", "this service's Cloudcheck credentials were refused",
                        Disposition.FORGET, body -> body.set("cloudcheck", cloudcheckError(api)));
            }
            case 103, 104 -> {
                log.error("route {}: Cloudcheck refused our timestamp or nonce ({}) on {}; check the clock", route, code, api.path());
                yield answer(502, "CLOUDCHECK_REFUSED_SIGNING", "Cloudcheck refused this service's request signing",
                        Disposition.FORGET, body -> body.set("cloudcheck", cloudcheckError(api)));
            }
            case 102, 107 -> answer(400, "CLOUDCHECK_REJECTED_FIELDS", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> {
                        body.set("cloudcheck", cloudcheckError(api));
                        body.set("problems", fieldProblems(api));
                    });
            case 110 -> answer(404, "NOT_FOUND_AT_CLOUDCHECK", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("cloudcheck", cloudcheckError(api)));
            case 108 -> answer(403, "CLOUDCHECK_PERMISSION_DENIED", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("cloudcheck", cloudcheckError(api)));
            case 111, 112, 113 -> retryLater(answer(503, "CLOUDCHECK_TEMPORARILY_FAILED", api.cloudcheckMessage(),
                    Disposition.FORGET, body -> body.set("cloudcheck", cloudcheckError(api))));
            default -> answer(502, "CLOUDCHECK_ERROR", api.cloudcheckMessage(), Disposition.KEEP,
                    body -> body.set("cloudcheck", cloudcheckError(api)));
        };
    }

    private static Reply retryLater(Reply reply) {
        return reply.withRetryAfter(RETRY_AFTER.toSeconds());
    }

    private Reply answer(int status, String code, String message, Disposition disposition,
                          java.util.function.Consumer<ObjectNode> details) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        details.accept(error);
        return new Reply(status, root.toString(), disposition);
    }

    private ArrayNode problems(List<Problem> problems) {
        ArrayNode array = json.createArrayNode();
        for (Problem problem : problems) {
            array.addObject().put("field", problem.field()).put("rule", problem.rule()).put("message", problem.message());
        }
        return array;
    }

    private ObjectNode cloudcheckError(CloudcheckApiException api) {
        ObjectNode error = json.createObjectNode();
        api.numericCode().ifPresent(code -> error.put("error", code));
        error.put("message", api.cloudcheckMessage());
        if (!api.fields().isEmpty()) {
            error.set("fields", json.valueToTree(api.fields()));
        }
        if (!api.errorDetail().isEmpty()) {
            error.set("errorDetail", json.valueToTree(api.errorDetail()));
        }
        return error;
    }

    private ArrayNode fieldProblems(CloudcheckApiException api) {
        ArrayNode array = json.createArrayNode();
        for (String field : api.fields()) {
            array.addObject().put("field", field).put("rule", "CLOUDCHECK_" + api.code()).put("message", api.cloudcheckMessage());
        }
        return array;
    }

    /** Go recipient codes, one problem per refused recipient, at its index in the request. */
    private ArrayNode recipientProblems(CloudcheckApiException api) {
        ArrayNode array = json.createArrayNode();
        List<RecipientOutcome> outcomes = api.recipients();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof RecipientOutcome.Rejected rejected) {
                array.addObject().put("field", "recipients[" + i + "]").put("rule", rejected.code())
                        .put("message", rejected.message());
            }
        }
        if (outcomes.isEmpty() && api.recipientCode() != null) {
            array.addObject().put("field", "recipient").put("rule", api.recipientCode()).put("message", api.cloudcheckMessage());
        }
        return array;
    }
}
