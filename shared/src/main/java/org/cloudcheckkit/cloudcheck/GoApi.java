package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.cloudcheckkit.cloudcheck.go.AddRecipient;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.CancelledRecipients;
import org.cloudcheckkit.cloudcheck.go.EditRecipient;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.GoResult;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.PdfJob;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RecipientLink;
import org.cloudcheckkit.cloudcheck.go.ResendOutcome;
import org.cloudcheckkit.cloudcheck.go.ResendRequest;
import org.cloudcheckkit.cloudcheck.go.SendOutcome;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;

/** The Cloudcheck Go API (seed 000), one method per endpoint. */
public final class GoApi {
    private final CloudcheckCalls calls;

    GoApi(CloudcheckCalls calls) {
        this.calls = calls;
    }

    /** /go/create/. Never retried once it may have reached Cloudcheck: see {@link CloudcheckOutcomeUnknownException}. */
    public GoCreated create(GoRequest request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_CREATE, calls.data(request), deadline);
        return new GoCreated(required(answer, Endpoint.GO_CREATE, "goApiReference"), answer.text("reference"),
                Answers.outcomes(answer.root().get("recipients")));
    }

    public RecipientLink addRecipient(AddRecipient request, Deadline deadline) {
        return link(Endpoint.GO_ADD_RECIPIENT, calls.json(Endpoint.GO_ADD_RECIPIENT, calls.data(request), deadline));
    }

    public RecipientLink editRecipient(EditRecipient request, Deadline deadline) {
        return link(Endpoint.GO_EDIT_RECIPIENT, calls.json(Endpoint.GO_EDIT_RECIPIENT, calls.data(request), deadline));
    }

    public CancelledRecipients cancelRecipients(CancelRecipients request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_CANCEL_RECIPIENT, calls.data(request), deadline);
        // Seed 000 promises only success: the call fails whole on an unknown token, so success cancelled them all.
        List<String> cancelled = answer.root().has("cancelled")
                ? Answers.list(answer.root().get("cancelled")) : request.recipientTokens();
        return new CancelledRecipients(answer.text("goApiReference"), cancelled);
    }

    public SendOutcome send(SendRequest request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_SEND, calls.data(request), deadline);
        JsonNode root = answer.root();
        return new SendOutcome(answer.text("goApiReference"), root.has("test") ? root.get("test").asBoolean() : null,
                integer(root, "emailsSent"), integer(root, "smsSent"));
    }

    public ResendOutcome resend(ResendRequest request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_RESEND, calls.data(request), deadline);
        return new ResendOutcome(answer.text("goApiReference"), answer.text("recipientToken"), answer.text("result"));
    }

    public RecipientLink quickSend(QuickSendRequest request, Deadline deadline) {
        return link(Endpoint.GO_QUICKSEND, calls.json(Endpoint.GO_QUICKSEND, calls.data(request), deadline));
    }

    /**
     * /go/result/. Seed 000 promises no field of it by name, so nothing is required: the status may be absent (derive
     * it from /go/results/ or the callbacks), and an error in one section is kept with the result.
     */
    public GoResult result(String recipientToken, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_RESULT, recipientToken, deadline);
        return new GoResult(answer.textOr("recipientToken", recipientToken), answer.text("reference"),
                answer.text("status"), answer.raw(), Answers.sectionErrors(answer.root()));
    }

    public GoResults results(String goApiReference, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_RESULTS, goApiReference, deadline);
        List<GoResults.RecipientSummary> recipients = new ArrayList<>();
        for (JsonNode recipient : answer.root().path("recipients")) {
            recipients.add(new GoResults.RecipientSummary(Answers.textOrNull(recipient, "recipientToken"),
                    Answers.textOrNull(recipient, "reference"), Answers.textOrNull(recipient, "status"),
                    Answers.textOrNull(recipient, "statusDate"), Answers.textOrNull(recipient, "link")));
        }
        return new GoResults(answer.text("goApiReference"), answer.text("reference"), List.copyOf(recipients));
    }

    /**
     * /go/pdf/: the PDF, known by its first bytes whatever its Content-Type, streamed; the caller closes it. A JSON
     * answer instead of a PDF is thrown.
     */
    public Download pdf(String recipientToken, Deadline deadline) {
        return expectDownload(Endpoint.GO_PDF, calls.binary(Endpoint.GO_PDF, recipientToken, deadline, Answers.Document.PDF));
    }

    public PdfJob generatePdfs(String goApiReference, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.GO_PDFS_GENERATE, goApiReference, deadline);
        return new PdfJob(required(answer, Endpoint.GO_PDFS_GENERATE, "token"));
    }

    /**
     * /go/pdfs/retrieve/: in progress, the zip (known by its first bytes whatever its Content-Type), or stale: "Missing
     * or invalid token", with any code or none, or 105, means the job's results are no longer current.
     */
    public ZipRetrieval retrievePdfs(String jobToken, Deadline deadline) {
        Object answer;
        try {
            answer = calls.binary(Endpoint.GO_PDFS_RETRIEVE, jobToken, deadline, Answers.Document.ZIP);
        } catch (CloudcheckApiException error) {
            if (error.isMissingOrInvalidToken()) {
                return new ZipRetrieval.Stale(error.cloudcheckMessage());
            }
            throw error;
        }
        if (answer instanceof Download zip) {
            return new ZipRetrieval.Ready(zip);
        }
        Answers.JsonAnswer progress = (Answers.JsonAnswer) answer;
        return new ZipRetrieval.InProgress(progress.text("status"), progress.root().path("complete").asInt(),
                progress.root().path("total").asInt());
    }

    static Download expectDownload(Endpoint endpoint, Object answer) {
        if (answer instanceof Download download) {
            return download;
        }
        throw new CloudcheckProtocolException(endpoint.path, "expected a PDF, got JSON without an error", null);
    }

    private static RecipientLink link(Endpoint endpoint, Answers.JsonAnswer answer) {
        return new RecipientLink(answer.text("goApiReference"), required(answer, endpoint, "recipientToken"),
                answer.text("link"));
    }

    static String required(Answers.JsonAnswer answer, Endpoint endpoint, String field) {
        String value = answer.text(field);
        if (value == null || value.isEmpty()) {
            throw new CloudcheckProtocolException(endpoint.path, "answer has no '" + field + "'", null);
        }
        return value;
    }

    private static Integer integer(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value == null || value.isNull() ? null : value.asInt();
    }
}
