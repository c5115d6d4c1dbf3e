package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.await;
import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Go, end to end: as a front end calls the API and as the sandbox, playing Cloudcheck, calls it back. */
@ExtendWith(SharedLocalStack.class)
class GoFlowIT {

    private static final Duration ARCHIVED_WITHIN = Duration.ofSeconds(30);

    @Test
    void aCompletedRecipientsPdfAndJsonAreArchivedAndItsLinkDownloadsTheArchivedBytes(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox cloudcheck = stack.sandbox().orElseThrow();
        JsonNode created = json(frontEnd.post("/go/requests", sampleBody("go-create.json")), 201);
        String goApiReference = created.path("goApiReference").asText();
        String token = created.path("recipients").get(0).path("recipientToken").asText();
        json(frontEnd.post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 200);

        cloudcheck.completeRecipient(token, VerificationOutcome.PASS);
        JsonNode link = archivedPdfLink(frontEnd, "/go/recipients/" + token + "/pdf");
        byte[] pdf = frontEnd.download(link.path("url").asText());

        String sha256 = Archive.sha256(pdf);
        assertEquals(link.path("sha256").asText(), sha256, "the link's SHA-256 is the downloaded bytes'");
        Archive archive = new Archive(stack);
        ResponseBytes<GetObjectResponse> stored = archive.object(link.path("key").asText());
        assertEquals(sha256, stored.response().metadata().get("sha256"), "and the archived object's");
        assertEquals("application/pdf", stored.response().contentType());
        String text = Archive.latin1(pdf);
        assertTrue(text.startsWith("%PDF-"), "a PDF");
        assertTrue(text.contains("Recipient token: " + token) && text.contains("Status: Responded"),
                "the sandbox's result document for this recipient");
        JsonNode result = Json.parse(archive.text(link.path("key").asText().replaceAll("\\.pdf$", ".json")));
        assertEquals(cloudcheck.recipient(token).status().label(), result.path("status").asText(),
                "the archived JSON is the recipient's final result");
        JsonNode view = json(frontEnd.get("/go/recipients/" + token), 200);
        assertEquals("Responded", view.path("status").asText(), view.toString());
    }

    @Test
    void aQuickSendRecipientIsArchivedOnceItResponds(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        JsonNode sent = json(frontEnd.post("/go/quicksend", sampleBody("go-quicksend.json")), 201);
        String token = sent.path("recipientToken").asText();

        stack.sandbox().orElseThrow().completeRecipient(token, VerificationOutcome.REFER);

        JsonNode link = archivedPdfLink(frontEnd, "/go/recipients/" + token + "/pdf");
        assertTrue(Archive.latin1(frontEnd.download(link.path("url").asText())).contains("Outcome: REFER"));
    }

    @Test
    void aResultsZipIsArchivedByTheScheduledPollerAndDownloads(LocalStack stack) throws IOException {
        FrontEnd frontEnd = new FrontEnd(stack);
        JsonNode created = json(frontEnd.post("/go/requests", sampleBody("go-create.json")), 201);
        String goApiReference = created.path("goApiReference").asText();
        String token = created.path("recipients").get(0).path("recipientToken").asText();
        json(frontEnd.post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 200);
        stack.sandbox().orElseThrow().completeRecipient(token, VerificationOutcome.FAIL);
        archivedPdfLink(frontEnd, "/go/recipients/" + token + "/pdf");

        JsonNode started = json(frontEnd.post("/go/requests/" + goApiReference + "/archive", ""), 202);
        assertEquals("GENERATING", started.path("state").asText(), started.toString());
        JsonNode archived = await("the results zip to be archived", ARCHIVED_WITHIN, () -> {
            JsonNode job = json(frontEnd.get("/go/requests/" + goApiReference + "/archive"), 200);
            return "ARCHIVED".equals(job.path("state").asText()) ? Optional.of(job) : Optional.empty();
        });
        byte[] zip = frontEnd.download(archived.path("url").asText());

        assertEquals(archived.path("sha256").asText(), Archive.sha256(zip));
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.add(entry.getName());
            }
        }
        assertEquals(1, entries.size(), entries.toString());
        assertTrue(entries.get(0).endsWith(token + ".pdf"), entries.toString());
    }

    @Test
    void whenCloudchecksCallbacksAreLostTheScheduledReconcilerStillArchivesTheResult(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox cloudcheck = stack.sandbox().orElseThrow();
        JsonNode created = json(frontEnd.post("/go/requests", sampleBody("go-create.json")), 201);
        String goApiReference = created.path("goApiReference").asText();
        String token = created.path("recipients").get(0).path("recipientToken").asText();
        json(frontEnd.post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 200);
        // Once the stream consumer has acted on the send's callbacks, nothing but a callback or the reconciler looks again.
        await("the Delivered callback to be processed", ARCHIVED_WITHIN,
                () -> history(frontEnd, token).stream().anyMatch(change -> change.startsWith("Delivered")) ? Optional.of(true) : Optional.empty());

        // Completing from Delivered notifies Opened, Clicked and Responded: all three are lost.
        assertTrue(cloudcheck.awaitCallbacks(Duration.ofSeconds(10)), "no earlier callback is left to take the fault");
        cloudcheck.failNextCallbacks(CallbackFault.drop(3));
        cloudcheck.completeRecipient(token, VerificationOutcome.PASS);
        assertTrue(cloudcheck.awaitCallbacks(Duration.ofSeconds(10)));

        archivedPdfLink(frontEnd, "/go/recipients/" + token + "/pdf");
        List<CallbackDelivery> dropped = cloudcheck.callbackDeliveries().stream()
                .filter(delivery -> delivery.url().contains(token) && "DROP".equals(delivery.fault())).toList();
        assertEquals(3, dropped.size(), "no callback told the API the recipient had responded");
        assertTrue(dropped.stream().anyMatch(delivery -> delivery.url().contains("status=Responded")), dropped.toString());
        // Who found out is a race: the reconciler, or the late processing of an earlier (Sent or Delivered) callback,
        // which fetches the state as it is now. Either way the lost callbacks cost nothing. The reconciler alone is
        // proven in functions/ (GoArchiveTest), where nothing else runs.
        assertTrue(history(frontEnd, token).stream().anyMatch(change -> change.startsWith("Responded")),
                history(frontEnd, token).toString());
    }

    @Test
    void theIdempotencyKeyHeaderReachesTheHandler(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox cloudcheck = stack.sandbox().orElseThrow();
        long createsBefore = cloudcheck.successfulCalls("/go/create/");
        String body = sampleBody("go-create.json");

        String first = json(frontEnd.post("/go/requests", body, "it-key-1"), 201).path("goApiReference").asText();
        String repeat = json(frontEnd.post("/go/requests", body, "it-key-1"), 201).path("goApiReference").asText();

        assertEquals(first, repeat, "the repeat was answered from the first");
        assertEquals(createsBefore + 1, cloudcheck.successfulCalls("/go/create/"), "one billable /go/create/");
    }

    /** The recipient's stored status history, as "Status from source" lines. */
    private static List<String> history(FrontEnd frontEnd, String token) {
        List<String> changes = new ArrayList<>();
        json(frontEnd.get("/go/recipients/" + token), 200).path("history")
                .forEach(change -> changes.add(change.path("status").asText() + " from " + change.path("source").asText()));
        return changes;
    }

    /** Polls the download-link route until the result is archived. */
    static JsonNode archivedPdfLink(FrontEnd frontEnd, String path) {
        return await(path + " to answer 200", ARCHIVED_WITHIN, () -> {
            HttpResponse<String> response = frontEnd.get(path);
            return response.statusCode() == 200 ? Optional.of(Json.parse(response.body())) : Optional.empty();
        });
    }
}
