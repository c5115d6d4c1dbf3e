package org.cloudcheckkit.sandbox.akahu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.account.Service;
import org.cloudcheckkit.sandbox.api.ApiCall;
import org.cloudcheckkit.sandbox.api.ApiEndpoint;
import org.cloudcheckkit.sandbox.api.ApiException;
import org.cloudcheckkit.sandbox.api.ApiResponse;
import org.cloudcheckkit.sandbox.api.ErrorCode;
import org.cloudcheckkit.sandbox.api.RequestData;
import org.cloudcheckkit.sandbox.pdf.PdfDocument;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/** The Akahu endpoints (seed 002; shapes pinned in WIRE.md). Every one needs Akahu enabled for the key (108). */
public final class AkahuEndpoints {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String TOKEN = "token";
    private static final Set<String> REVIEW_DECISIONS = Set.of("APPROVED", "REJECTED");
    private static final String SANDBOX_ADDRESS = "1 Sandbox Road, Te Aro, Wellington 6011";

    private final AkahuService akahu;
    private final Clock clock;
    private final UnaryOperator<String> journeyLink;
    private final LongSupplier pdfPaddingBytes;
    private final WireVariants variants;

    /**
     * @param simulationClock dates the PDFs
     * @param journeyLink     the customer's link for an Akahu token
     * @param pdfPaddingBytes read for every PDF made
     */
    public AkahuEndpoints(AkahuService akahu, Clock simulationClock, UnaryOperator<String> journeyLink,
                          LongSupplier pdfPaddingBytes, WireVariants variants) {
        this.akahu = akahu;
        this.clock = simulationClock;
        this.journeyLink = journeyLink;
        this.pdfPaddingBytes = pdfPaddingBytes;
        this.variants = variants;
    }

    public List<ApiEndpoint> endpoints() {
        return List.of(
                ApiEndpoint.post("/akahu/initiate/", this::initiate),
                ApiEndpoint.get("/akahu/result/", TOKEN, this::result),
                ApiEndpoint.getDocument("/akahu/pdf/", TOKEN, this::pdf),
                ApiEndpoint.post("/akahu/review/", this::review));
    }

    private ApiResponse initiate(ApiCall call) {
        call.requireService(Service.AKAHU);
        RequestData data = call.data();
        AkahuRequest request = new AkahuRequest(data.requiredUrl("callback"), data.text("reference"),
                data.url("notificationUrl"), data.url("webhookUrl"), data.object("name"), data.object("address"),
                data.text("verificationReference"));
        AkahuSnapshot session = akahu.initiate(call.key(), request);
        // Seed 002: "you will receive a link that you redirect your end user to".
        return ApiResponse.ok(JSON.objectNode()
                .put(TOKEN, session.token())
                .put(variants.on(WireVariant.AKAHU_LINK_AS_LINK) ? "link" : "url", journeyLink.apply(session.token())));
    }

    private ApiResponse result(ApiCall call) {
        call.requireService(Service.AKAHU);
        AkahuSnapshot session = akahu.snapshot(call.key(), call.parameter(TOKEN));
        AkahuRequest request = session.request();
        ObjectNode result = JSON.objectNode()
                .put(TOKEN, session.token())
                .put("akahuReference", session.akahuReference());
        putIfGiven(result, "reference", request.reference());
        putIfGiven(result, "verificationReference", request.verificationReference());
        result.put("status", session.status().label());
        if (request.name() != null || request.address() != null) {
            boolean passed = session.status() == AkahuStatus.PASS;
            result.putObject("validated")
                    .put("name", passed && request.name() != null)
                    .put("address", passed && request.address() != null);
        }
        if (!session.disposed()) {
            ObjectNode details = result.putObject("details");
            setIfGiven(details, "name", request.name());
            setIfGiven(details, "address", request.address());
            if (session.status().retrievedAccounts()) {
                result.set("akahuDetails", akahuDetails(session));
            }
        }
        if (session.review() != null) {
            ObjectNode review = result.putObject("review").put("decision", session.review().decision());
            putIfGiven(review, "notes", session.review().notes());
            review.put("reviewedAt", session.review().reviewedAt().toString());
        }
        return ApiResponse.ok(result);
    }

    private ApiResponse pdf(ApiCall call) {
        call.requireService(Service.AKAHU);
        AkahuSnapshot session = akahu.snapshot(call.key(), call.parameter(TOKEN));
        if (session.status() == AkahuStatus.PENDING) {
            throw ApiException.of(ErrorCode.NO_RESULTS).withDetail("the customer has not finished the Akahu process");
        }
        List<String> lines = new ArrayList<>();
        lines.add("Reference: " + (session.request().reference() == null ? "(none)" : session.request().reference()));
        lines.add("Token: " + session.token());
        lines.add("Akahu reference: " + session.akahuReference());
        lines.add("Status: " + session.status().label());
        lines.add("Completed: " + session.completedAt());
        if (!session.disposed() && session.status().retrievedAccounts()) {
            lines.add("Account holder: " + holder(session));
        }
        lines.add("Generated: " + clock.instant());
        lines.add("");
        lines.add("Made by the Cloudcheck sandbox from test data. This is not a real verification.");
        PdfDocument document = new PdfDocument("Cloudcheck Akahu result", lines, pdfPaddingBytes.getAsLong(),
                clock.instant());
        return ApiResponse.pdf("akahu-" + session.token() + ".pdf", document::writeTo);
    }

    private ApiResponse review(ApiCall call) {
        call.requireService(Service.AKAHU);
        RequestData data = call.data();
        data.requireAll("akahuToken", "reviewDecision");
        String token = data.text("akahuToken");
        // An unknown token (105) is reported before a bad decision (107).
        akahu.snapshot(call.key(), token);
        String decision = data.text("reviewDecision");
        if (!REVIEW_DECISIONS.contains(decision)) {
            throw ApiException.badFormat("reviewDecision", "reviewDecision must be APPROVED or REJECTED");
        }
        akahu.review(call.key(), token, decision, data.text("notes"));
        return ApiResponse.ok(JSON.objectNode().put("akahuToken", token).put("result", "SUCCESS"));
    }

    /** Simulated bank data: the account holder matches the given details unless the journey failed. */
    private static ObjectNode akahuDetails(AkahuSnapshot session) {
        ObjectNode details = JSON.objectNode();
        ObjectNode account = details.putArray("accounts").addObject()
                .put("holder", holder(session))
                .put("formattedAccount", formattedAccount(session.token()));
        AkahuRequest request = session.request();
        account.put("address", request.address() == null || session.status() == AkahuStatus.FAIL
                ? SANDBOX_ADDRESS
                : joinText(request.address()));
        return details;
    }

    private static String holder(AkahuSnapshot session) {
        JsonNode name = session.request().name();
        if (session.status() == AkahuStatus.FAIL) {
            return "A N Other";
        }
        String given = name == null ? "" : Stream.of("given", "middle", "family")
                .map(part -> name.path(part).asText(""))
                .filter(part -> !part.isBlank())
                .collect(Collectors.joining(" "));
        return given.isEmpty() ? "Sandbox Customer" : given;
    }

    /** A stable NZ-style account number made from the token, so repeated reads agree. */
    private static String formattedAccount(String token) {
        long digits = Math.floorMod(token.hashCode(), 10_000_000L);
        return String.format("12-3456-%07d-00", digits);
    }

    private static String joinText(JsonNode address) {
        List<String> parts = new ArrayList<>();
        address.elements().forEachRemaining(part -> {
            if (part.isTextual() && !part.textValue().isBlank()) {
                parts.add(part.textValue());
            }
        });
        return String.join(", ", parts);
    }

    private static void putIfGiven(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void setIfGiven(ObjectNode json, String field, JsonNode value) {
        if (value != null) {
            json.set(field, value);
        }
    }
}
