package org.cloudcheckkit.sandbox.go;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.cloudcheckkit.sandbox.api.ApiCall;
import org.cloudcheckkit.sandbox.api.ApiEndpoint;
import org.cloudcheckkit.sandbox.api.ApiException;
import org.cloudcheckkit.sandbox.api.ApiResponse;
import org.cloudcheckkit.sandbox.api.ErrorCode;
import org.cloudcheckkit.sandbox.api.RequestData;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/** The Go endpoints that create and change requests and recipients (seed 000; shapes pinned in WIRE.md). */
public final class GoRequestEndpoints {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String GO_API_REFERENCE = "goApiReference";
    private static final String RECIPIENT_TOKEN = "recipientToken";
    private static final String RECIPIENT_TOKENS = "recipientTokens";
    private static final String RECIPIENT = "recipient";
    private static final String RECIPIENTS = "recipients";

    private final GoService go;
    private final UnaryOperator<String> journeyLink;
    private final WireVariants variants;

    /** @param journeyLink the customer's link for a recipient token */
    public GoRequestEndpoints(GoService go, UnaryOperator<String> journeyLink, WireVariants variants) {
        this.go = go;
        this.journeyLink = journeyLink;
        this.variants = variants;
    }

    public List<ApiEndpoint> endpoints() {
        return List.of(
                ApiEndpoint.post("/go/create/", this::create),
                ApiEndpoint.post("/go/add-recipient/", this::addRecipient),
                ApiEndpoint.post("/go/edit-recipient/", this::editRecipient),
                ApiEndpoint.post("/go/cancel-recipient/", this::cancelRecipient),
                ApiEndpoint.post("/go/send/", this::send),
                ApiEndpoint.post("/go/resend/", this::resend),
                ApiEndpoint.post("/go/quicksend/", this::quickSend));
    }

    private ApiResponse create(ApiCall call) {
        RequestData data = call.data();
        JsonNode recipients = data.array(RECIPIENTS);
        if (recipients == null || recipients.isEmpty()) {
            throw ApiException.missing(RECIPIENTS);
        }
        if (recipients.size() > GoRequest.MAXIMUM_RECIPIENTS) {
            throw ApiException.badFormat(RECIPIENTS, "at most " + GoRequest.MAXIMUM_RECIPIENTS + " recipients");
        }
        for (JsonNode recipient : recipients) {
            if (!recipient.isObject()) {
                throw ApiException.badFormat(RECIPIENTS, "every recipient must be an object");
            }
        }
        GoSettings settings = settings(data, anyHasEmail(recipients));
        RecipientValidator validator = validator(call);
        List<Optional<RecipientError>> errors = new ArrayList<>();
        recipients.forEach(recipient -> errors.add(validator.check(recipient)));
        ArrayNode outcomes = JSON.arrayNode();
        if (errors.stream().allMatch(Optional::isPresent)) {
            for (int i = 0; i < recipients.size(); i++) {
                outcomes.add(rejection(recipients.get(i), errors.get(i).orElseThrow()));
            }
            throw ApiException.of(ErrorCode.INVALID_FORMAT, "No valid recipients", Map.of(RECIPIENTS, outcomes));
        }
        GoRequest request = go.open(call.key(), settings);
        for (int i = 0; i < recipients.size(); i++) {
            JsonNode recipient = recipients.get(i);
            Optional<RecipientError> error = errors.get(i);
            outcomes.add(error.isPresent()
                    ? rejection(recipient, error.get())
                    : accepted(recipient, go.addRecipient(request, RecipientDetails.from(recipient))));
        }
        ObjectNode response = JSON.objectNode().put(GO_API_REFERENCE, request.goApiReference());
        putIfGiven(response, "reference", settings.reference());
        response.set(RECIPIENTS, outcomes);
        return ApiResponse.ok(response);
    }

    private ApiResponse addRecipient(ApiCall call) {
        RequestData data = call.data();
        requireWithRecipient(data, GO_API_REFERENCE);
        GoRequest request = go.request(call.key(), data.text(GO_API_REFERENCE));
        RecipientDetails details = validRecipient(call, request, data.requiredObject(RECIPIENT));
        return ApiResponse.ok(link(request, go.addRecipient(request, details)));
    }

    private ApiResponse editRecipient(ApiCall call) {
        RequestData data = call.data();
        requireWithRecipient(data, GO_API_REFERENCE, RECIPIENT_TOKEN);
        GoRequest request = go.request(call.key(), data.text(GO_API_REFERENCE));
        RecipientDetails details = validRecipient(call, request, data.requiredObject(RECIPIENT));
        return ApiResponse.ok(link(request, go.editRecipient(request, data.text(RECIPIENT_TOKEN), details)));
    }

    private ApiResponse cancelRecipient(ApiCall call) {
        RequestData data = call.data();
        List<String> missing = data.blank(GO_API_REFERENCE);
        JsonNode tokenArray = data.array(RECIPIENT_TOKENS);
        if (tokenArray == null || tokenArray.isEmpty()) {
            missing.add(RECIPIENT_TOKENS);
        }
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing);
        }
        List<String> tokens = data.requiredTextList(RECIPIENT_TOKENS);
        GoRequest request = go.request(call.key(), data.text(GO_API_REFERENCE));
        go.cancelRecipients(request, tokens);
        ObjectNode response = JSON.objectNode().put(GO_API_REFERENCE, request.goApiReference());
        tokens.forEach(response.putArray("cancelled")::add);
        return ApiResponse.ok(response);
    }

    private ApiResponse send(ApiCall call) {
        RequestData data = call.data();
        GoRequest request = go.request(call.key(), data.requiredText(GO_API_REFERENCE));
        boolean test = data.flag("test", false);
        GoRequest.SendCount sent = test ? testSend(data) : request.send();
        return ApiResponse.ok(JSON.objectNode()
                .put(GO_API_REFERENCE, request.goApiReference())
                .put("test", test)
                .put("emailsSent", sent.emailsSent())
                .put("smsSent", sent.smsSent()));
    }

    /** A test message changes no recipient; it only checks where it would go. */
    private static GoRequest.SendCount testSend(RequestData data) {
        String email = data.text("testEmailAddress");
        String mobile = data.text("testMobileNumber");
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasMobile = mobile != null && !mobile.isBlank();
        if (!hasEmail && !hasMobile) {
            throw ApiException.missing("testEmailAddress", "testMobileNumber");
        }
        if (hasMobile && !RecipientValidator.isMobileNumber(mobile)) {
            throw ApiException.badFormat("testMobileNumber", RecipientError.INVALID_PHONE_NUMBER.message());
        }
        return new GoRequest.SendCount(hasEmail ? 1 : 0, hasMobile ? 1 : 0);
    }

    private ApiResponse resend(ApiCall call) {
        RequestData data = call.data();
        data.requireAll(GO_API_REFERENCE, RECIPIENT_TOKEN);
        GoRequest request = go.request(call.key(), data.text(GO_API_REFERENCE));
        String token = data.text(RECIPIENT_TOKEN);
        request.resend(token);
        return ApiResponse.ok(JSON.objectNode()
                .put(GO_API_REFERENCE, request.goApiReference())
                .put(RECIPIENT_TOKEN, token)
                .put("result", "SUCCESS"));
    }

    private ApiResponse quickSend(ApiCall call) {
        RequestData data = call.data();
        boolean generateLink = data.flag("generateLink", false);
        if (!generateLink && data.blank("emailAddress", "mobileNumber").size() == 2) {
            throw ApiException.missing("emailAddress", "mobileNumber");
        }
        GoSettings settings = new GoSettings(data.text("reference"), data.url("completeUrl"),
                data.url("notificationUrl"), List.of());
        validator(call).checkQuickSend(data.json()).ifPresent(error -> {
            throw invalidRecipient(error);
        });
        GoRequest request = go.open(call.key(), settings);
        String token = go.addRecipient(request, RecipientDetails.from(data.json()));
        if (!generateLink) {
            request.send();
        }
        return ApiResponse.ok(link(request, token));
    }

    /** Request-level rules of create: 102 for every missing field at once, then 107 for malformed URLs. */
    private static GoSettings settings(RequestData data, boolean anyEmail) {
        List<String> missingEmailFields = data.blank("emailFrom", "replyTo", "emailSubject");
        List<String> missing = new ArrayList<>(anyEmail ? missingEmailFields : List.of());
        if (data.flag("notifications", false)) {
            missing.addAll(data.blank("notificationEmailAddress"));
        }
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing);
        }
        return new GoSettings(data.text("reference"), data.url("completeUrl"), data.url("notificationUrl"),
                missingEmailFields);
    }

    private static void requireWithRecipient(RequestData data, String... fields) {
        List<String> missing = data.blank(fields);
        if (!data.has(RECIPIENT)) {
            missing.add(RECIPIENT);
        }
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing);
        }
    }

    private RecipientDetails validRecipient(ApiCall call, GoRequest request, ObjectNode recipient) {
        validator(call).check(recipient).ifPresent(error -> {
            throw invalidRecipient(error);
        });
        RecipientDetails details = RecipientDetails.from(recipient);
        if (details.hasEmail() && !request.settings().missingEmailFields().isEmpty()) {
            throw ApiException.missing(request.settings().missingEmailFields())
                    .withDetail("this Go request has no email settings, so its recipients cannot have an email address");
        }
        return details;
    }

    private RecipientValidator validator(ApiCall call) {
        return new RecipientValidator(call.credential().services(), LocalDate.ofInstant(go.now(), ZoneOffset.UTC));
    }

    private ObjectNode link(GoRequest request, String token) {
        return JSON.objectNode()
                .put(GO_API_REFERENCE, request.goApiReference())
                .put(RECIPIENT_TOKEN, token)
                .put("link", journeyLink.apply(token));
    }

    /** Under {@link WireVariant#CREATE_WITHOUT_TOKENS} without token and link: those come from /go/results/. */
    private ObjectNode accepted(JsonNode recipient, String token) {
        ObjectNode outcome = JSON.objectNode();
        putIfGiven(outcome, "reference", recipient.path("reference").textValue());
        if (!variants.on(WireVariant.CREATE_WITHOUT_TOKENS)) {
            outcome.put(RECIPIENT_TOKEN, token).put("link", journeyLink.apply(token));
        }
        return outcome.put("status", RecipientStatus.NOT_SENT.label());
    }

    private static ObjectNode rejection(JsonNode recipient, RecipientError error) {
        ObjectNode outcome = JSON.objectNode();
        putIfGiven(outcome, "reference", recipient.path("reference").textValue());
        return outcome.put("error", error.name()).put("message", error.message());
    }

    private static ApiException invalidRecipient(RecipientError error) {
        ObjectNode detail = JSON.objectNode().put("error", error.name()).put("message", error.message());
        return ApiException.of(ErrorCode.INVALID_FORMAT, "Invalid recipient", Map.of(RECIPIENT, detail));
    }

    private static boolean anyHasEmail(JsonNode recipients) {
        for (JsonNode recipient : recipients) {
            if (!recipient.path("emailAddress").asText("").isBlank()) {
                return true;
            }
        }
        return false;
    }

    static void putIfGiven(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
