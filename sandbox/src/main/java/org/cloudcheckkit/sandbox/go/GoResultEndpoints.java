package org.cloudcheckkit.sandbox.go;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.cloudcheckkit.sandbox.account.Service;
import org.cloudcheckkit.sandbox.api.ApiCall;
import org.cloudcheckkit.sandbox.api.ApiEndpoint;
import org.cloudcheckkit.sandbox.api.ApiException;
import org.cloudcheckkit.sandbox.api.ApiResponse;
import org.cloudcheckkit.sandbox.api.ErrorCode;
import org.cloudcheckkit.sandbox.pdf.PdfDocument;
import org.cloudcheckkit.sandbox.pdf.PdfZip;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/** The Go endpoints that read results: JSON, one PDF, and the zip of PDFs made by a background job (seed 000). */
public final class GoResultEndpoints {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String TOKEN = "token";
    private static final String GO_API_REFERENCE = "goApiReference";
    private static final String STALE_JOB_MESSAGE = "Missing or invalid token";

    private final GoService go;
    private final UnaryOperator<String> journeyLink;
    private final LongSupplier pdfPaddingBytes;
    private final WireVariants variants;

    /**
     * @param journeyLink     the customer's link for a recipient token
     * @param pdfPaddingBytes read for every PDF made, so tests can change it at any time
     */
    public GoResultEndpoints(GoService go, UnaryOperator<String> journeyLink, LongSupplier pdfPaddingBytes,
                             WireVariants variants) {
        this.go = go;
        this.journeyLink = journeyLink;
        this.pdfPaddingBytes = pdfPaddingBytes;
        this.variants = variants;
    }

    public List<ApiEndpoint> endpoints() {
        return List.of(
                ApiEndpoint.get("/go/result/", TOKEN, this::result),
                ApiEndpoint.get("/go/results/", GO_API_REFERENCE, this::results),
                ApiEndpoint.getDocument("/go/pdf/", TOKEN, this::pdf),
                ApiEndpoint.get("/go/pdfs/generate/", GO_API_REFERENCE, this::generatePdfs),
                ApiEndpoint.getDocument("/go/pdfs/retrieve/", TOKEN, this::retrievePdfs));
    }

    private ApiResponse result(ApiCall call) {
        String token = call.parameter(TOKEN);
        RecipientSnapshot recipient = go.requestFor(call.key(), token).snapshot(token);
        ObjectNode result = JSON.objectNode()
                .put(GO_API_REFERENCE, recipient.goApiReference())
                .put("recipientToken", recipient.recipientToken());
        GoRequestEndpoints.putIfGiven(result, "reference", recipient.reference());
        if (!variants.on(WireVariant.RESULT_WITHOUT_STATUS)) {
            result.put("status", recipient.status().label())
                    .put("statusDate", recipient.statusDate().toString());
        }
        for (Service service : Service.values()) {
            if (recipient.services().contains(service)) {
                result.set(service.wireName(), service == Service.VERIFICATION
                        ? verification(recipient)
                        : JSON.objectNode().put("outcome", recipient.outcome().name()));
            }
        }
        if (variants.on(WireVariant.RESULT_SECTION_ERROR)) {
            // Seed 001: "An error response can be at the top level or at the second level".
            ErrorCode error = recipient.services().contains(Service.LIVE)
                    ? ErrorCode.QUERY_FAILED
                    : ErrorCode.NO_PERMISSION;
            result.set(Service.LIVE.wireName(), JSON.objectNode()
                    .put("error", error.number())
                    .put("message", error.message()));
        }
        return ApiResponse.ok(result);
    }

    /** The sandbox's stand-in for the Integrated Verification result: which details matched. */
    private static ObjectNode verification(RecipientSnapshot recipient) {
        VerificationOutcome outcome = recipient.outcome();
        ObjectNode verification = JSON.objectNode().put("outcome", outcome.name());
        if (outcome.isChoosable()) {
            verification.put("checkedAt", recipient.completedAt().toString());
            verification.putObject("matches")
                    .put("name", outcome != VerificationOutcome.FAIL)
                    .put("dateofbirth", outcome != VerificationOutcome.FAIL)
                    .put("address", outcome == VerificationOutcome.PASS);
        }
        return verification;
    }

    private ApiResponse results(ApiCall call) {
        GoRequest request = go.request(call.key(), call.parameter(GO_API_REFERENCE));
        ObjectNode results = JSON.objectNode().put(GO_API_REFERENCE, request.goApiReference());
        GoRequestEndpoints.putIfGiven(results, "reference", request.settings().reference());
        ArrayNode recipients = results.putArray("recipients");
        for (RecipientSnapshot recipient : request.snapshots()) {
            ObjectNode entry = recipients.addObject().put("recipientToken", recipient.recipientToken());
            GoRequestEndpoints.putIfGiven(entry, "reference", recipient.reference());
            entry.put("status", recipient.status().label())
                    .put("statusDate", recipient.statusDate().toString())
                    .put("link", journeyLink.apply(recipient.recipientToken()));
        }
        return ApiResponse.ok(results);
    }

    private ApiResponse pdf(ApiCall call) {
        String token = call.parameter(TOKEN);
        RecipientSnapshot recipient = go.requestFor(call.key(), token).snapshot(token);
        if (!recipient.status().isFinal()) {
            throw ApiException.of(ErrorCode.NO_RESULTS)
                    .withDetail("the recipient is " + recipient.status().label() + "; results come once Responded"
                            + " or Expired");
        }
        PdfDocument document = document(recipient, go.now());
        return ApiResponse.pdf(fileName(recipient), document::writeTo);
    }

    private ApiResponse generatePdfs(ApiCall call) {
        GoRequest request = go.request(call.key(), call.parameter(GO_API_REFERENCE));
        PdfJob job = go.startPdfJob(request).orElseThrow(() -> ApiException.of(ErrorCode.NO_RESULTS)
                .withDetail("no recipient of this Go request has responded"));
        return ApiResponse.ok(JSON.objectNode().put(TOKEN, job.token()));
    }

    private ApiResponse retrievePdfs(ApiCall call) {
        PdfJob job = go.pdfJob(call.key(), call.parameter(TOKEN));
        if (!job.isCurrent()) {
            return stale();
        }
        Instant now = go.now();
        if (!job.isReady(now)) {
            return ApiResponse.ok(JSON.objectNode()
                    .put("status", "IN_PROGRESS")
                    .put("complete", job.completed(now))
                    .put("total", job.results().size()));
        }
        List<PdfZip.Entry> entries = new ArrayList<>();
        for (RecipientSnapshot recipient : job.results()) {
            entries.add(new PdfZip.Entry(fileName(recipient), document(recipient, job.readyAt())));
        }
        return ApiResponse.zip(zipContentType(), "go-results-" + job.request().goApiReference() + ".zip",
                out -> PdfZip.write(out, entries, job.readyAt()));
    }

    /** Seed 000 gives only the message: "this call will result in a 'Missing or invalid token' error". */
    private ApiResponse stale() {
        if (variants.on(WireVariant.STALE_ZIP_WITHOUT_CODE)) {
            return ApiResponse.ok(JSON.objectNode().put("message", STALE_JOB_MESSAGE));
        }
        ApiException error = variants.on(WireVariant.STALE_ZIP_OTHER_CODE)
                ? ApiException.of(ErrorCode.MISSING_FIELD, STALE_JOB_MESSAGE, Map.of()).withFields(List.of(TOKEN))
                : ApiException.of(ErrorCode.UNKNOWN_TOKEN, STALE_JOB_MESSAGE, Map.of());
        throw error.withDetail("another recipient has responded since these results were generated");
    }

    private String zipContentType() {
        if (variants.on(WireVariant.ZIP_AS_OCTET_STREAM)) {
            return "application/octet-stream";
        }
        if (variants.on(WireVariant.ZIP_AS_X_ZIP_COMPRESSED)) {
            return "application/x-zip-compressed";
        }
        return "application/zip";
    }

    private PdfDocument document(RecipientSnapshot recipient, Instant generatedAt) {
        List<String> lines = new ArrayList<>();
        lines.add("Go request: " + recipient.goApiReference());
        lines.add("Reference: " + (recipient.reference() == null ? "(none)" : recipient.reference()));
        lines.add("Recipient token: " + recipient.recipientToken());
        if (!recipient.name().isEmpty()) {
            lines.add("Name: " + recipient.name());
        }
        lines.add("Status: " + recipient.status().label());
        lines.add("Outcome: " + recipient.outcome().name());
        lines.add("Completed: " + recipient.completedAt());
        lines.add("Generated: " + generatedAt);
        lines.add("");
        lines.add("Made by the Cloudcheck sandbox from test data. This is not a real verification.");
        return new PdfDocument("Cloudcheck Go verification result", lines, pdfPaddingBytes.getAsLong(),
                generatedAt);
    }

    /** {reference or token}-{recipientToken}.pdf, with anything unsafe in a file name replaced. */
    private static String fileName(RecipientSnapshot recipient) {
        String label = recipient.reference() == null ? recipient.recipientToken() : recipient.reference();
        return label.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + recipient.recipientToken() + ".pdf";
    }
}
