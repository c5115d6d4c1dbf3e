package org.cloudcheckkit.functions.archive;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A Go recipient's result becomes archived evidence exactly once, whatever Cloudcheck's callbacks do: arrive, come
 * forged, duplicated, shuffled, never come, or find the PDF endpoint failing.
 */
class GoArchiveTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void anArchivedResultIsLockedForTheRetentionPeriodSoNoVersionOfItCanBeDeleted(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 1);
        String token = request.tokens.get(0);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.goCallback(request.goApiReference, token, "Responded");
        rig.drainStream();

        for (String key : List.of("go/" + request.goApiReference + "/" + token + ".pdf",
                "go/" + request.goApiReference + "/" + token + ".json")) {
            HeadObjectResponse head = aws.s3().headObject(r -> r.bucket(rig.bucket()).key(key));
            assertEquals(ObjectLockMode.GOVERNANCE, head.objectLockMode(), key);
            long days = Duration.between(Instant.now(), head.objectLockRetainUntilDate()).toDays();
            assertTrue(days >= 2556 && days <= 2557, key + " is locked for " + days + " days");
            S3Exception refused = assertThrows(S3Exception.class,
                    () -> aws.s3().deleteObject(r -> r.bucket(rig.bucket()).key(key).versionId(head.versionId())));
            assertEquals(403, refused.statusCode(), key);
        }
    }

    @Test
    void aCompletedRecipientIsArchivedAsTheSandboxServedIt(LocalAws aws, CloudcheckSandbox sandbox) throws Exception {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 1);
        String token = request.tokens.get(0);

        APIGatewayV2HTTPResponse before = InContract.handle(rig.downloads,
                pdfEvent(token), new FunctionContext("test"));
        assertEquals(404, before.getStatusCode());
        assertEquals("NOT_ARCHIVED_YET", body(before).get("error").get("code").asText());

        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        assertEquals(200, rig.goCallback(request.goApiReference, token, "Responded").getStatusCode());
        rig.drainStream();

        String pdfKey = "go/" + request.goApiReference + "/" + token + ".pdf";
        String jsonKey = "go/" + request.goApiReference + "/" + token + ".json";
        byte[] pdf = rig.object(pdfKey);
        assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"));
        ServedDocument served = lastServed(sandbox, "/go/pdf/", token);
        assertEquals(served.sha256(), ArchiveRig.sha256(pdf), "the archived PDF is the one the sandbox served");
        Map<String, String> metadata = rig.metadata(pdfKey);
        assertEquals(served.sha256(), metadata.get("sha256"));
        assertEquals("/go/pdf/", metadata.get("source-endpoint"));
        assertEquals("Responded", metadata.get("status"));
        assertNotNull(metadata.get("fetched-at"));
        assertEquals("aws:kms", aws.s3().headObject(r -> r.bucket(rig.bucket()).key(pdfKey)).serverSideEncryptionAsString());
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rig.object(jsonKey));
        assertEquals("PASS", json.get("verification").get("outcome").asText());
        assertEquals(ArchiveRig.sha256(rig.object(jsonKey)), rig.metadata(jsonKey).get("sha256"));

        Map<String, AttributeValue> recipient = rig.recipientItem(request.goApiReference, token);
        assertEquals("ARCHIVED", recipient.get("archiveState").s());
        assertEquals(served.sha256(), recipient.get("pdfSha256").s());
        assertFalse(recipient.containsKey("work"), "nothing left to do");

        APIGatewayV2HTTPResponse link = InContract.handle(rig.downloads, pdfEvent(token), new FunctionContext("test"));
        assertEquals(200, link.getStatusCode(), link.getBody());
        HttpResponse<byte[]> downloaded = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(body(link).get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(served.sha256(), ArchiveRig.sha256(downloaded.body()), "the presigned download returns the same bytes");
        // S3 answers with the Content-Disposition a presigned URL names (moto ignores it, so the URL is what is checked):
        // a browser saves the download under the archived object's name, whatever origin the page is on.
        assertEquals("attachment; filename=\"" + pdfKey.substring(pdfKey.lastIndexOf('/') + 1) + "\"",
                URLDecoder.decode(URI.create(body(link).get("url").asText()).getRawQuery().replaceAll(
                        "(^|.*&)response-content-disposition=([^&]*).*", "$2"), StandardCharsets.UTF_8));
        assertEquals(served.sha256(), body(link).get("sha256").asText());
    }

    @Test
    void aForgedCallbackChangesNothing(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 1);
        String token = request.tokens.get(0);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        String callbackId = rig.requestItem(request.goApiReference).get("callbackId").s();
        rig.drainStream();
        int itemsBefore = tableSize(aws);

        APIGatewayV2HTTPResponse noToken = InContract.handle(rig.receipt, callback(request.goApiReference, token)
                .queryParameter("cid", callbackId).queryParameter("t", null).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse wrongToken = InContract.handle(rig.receipt, callback(request.goApiReference, token)
                .queryParameter("cid", callbackId).queryParameter("t", "forged-" + UUID.randomUUID()).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse otherRequestsId = InContract.handle(rig.receipt,
                callback(request.goApiReference, token)
                .queryParameter("cid", "someone-elses-id").queryParameter("t", "forged").event(), new FunctionContext("test"));

        assertEquals(401, noToken.getStatusCode());
        assertEquals(403, wrongToken.getStatusCode());
        assertEquals(403, otherRequestsId.getStatusCode());
        assertEquals(0, rig.drainStream(), "nothing was written, so nothing reached the stream");
        assertEquals(itemsBefore, tableSize(aws));
        assertTrue(rig.versions("go/" + request.goApiReference).isEmpty());
    }

    @Test
    void aValidTokenForOneRequestCannotMoveAnother(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created mine = create(rig, 1);
        Created other = create(rig, 1);
        sandbox.completeRecipient(other.tokens.get(0), VerificationOutcome.PASS);
        String myCallbackId = rig.requestItem(mine.goApiReference).get("callbackId").s();
        String myToken = rig.components("WebhookReceiptFunction").callbackTokens()
                .tokenFor(org.cloudcheckkit.callbacks.CallbackKind.GO, myCallbackId);

        InContract.handle(rig.receipt, callback(other.goApiReference, other.tokens.get(0))
                .queryParameter("cid", myCallbackId).queryParameter("t", myToken).event(), new FunctionContext("test"));
        rig.drainStream();

        assertFalse(rig.recipientItem(other.goApiReference, other.tokens.get(0)).containsKey("status"), "no status was recorded");
        assertTrue(rig.versions("go/" + other.goApiReference).isEmpty(), "nothing was archived");
    }

    @Test
    void aCallbackUrlOfOneRequestNamingAnotherRequestsRecipientArchivesNothing(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created mine = create(rig, 1);
        Created other = create(rig, 1);
        sandbox.completeRecipient(other.tokens.get(0), VerificationOutcome.PASS);

        rig.goCallback(mine.goApiReference, other.tokens.get(0), "Responded");
        rig.drainStream();

        assertTrue(rig.recipientItem(mine.goApiReference, other.tokens.get(0)).isEmpty(), "no status was recorded");
        assertTrue(rig.versions("go/" + mine.goApiReference).isEmpty(), "nothing was archived under my request");
        assertEquals(0, sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count(),
                "and the other recipient's result was not fetched");
    }

    @Test
    void aHundredDuplicatedShuffledCallbacksGiveOneArchiveAndTheFinalStatus(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 1);
        String token = request.tokens.get(0);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        List<String> statuses = new ArrayList<>();
        String[] walk = {"Sent", "Delivered", "Opened", "Clicked", "Responded"};
        for (int i = 0; i < 100; i++) {
            statuses.add(walk[i % walk.length]);
        }
        Collections.shuffle(statuses, new Random(42));

        int duplicates = 0;
        for (String status : statuses) {
            APIGatewayV2HTTPResponse response = rig.goCallback(request.goApiReference, token, status);
            assertEquals(200, response.getStatusCode());
            duplicates += body(response).get("duplicate").asBoolean() ? 1 : 0;
        }
        rig.drainStream();

        assertEquals(95, duplicates, "five distinct callbacks, each recorded once");
        assertEquals(2, rig.versions("go/" + request.goApiReference).size(), "one PDF and one JSON, one version each");
        Map<String, AttributeValue> recipient = rig.recipientItem(request.goApiReference, token);
        assertEquals("Responded", recipient.get("status").s());
        assertEquals("ARCHIVED", recipient.get("archiveState").s());
        List<String> history = recipient.get("history").l().stream()
                .map(change -> change.m().get("status").s() + "/" + change.m().get("source").s()).toList();
        assertEquals(List.of("Responded/fetch"), history.stream().filter(change -> change.endsWith("/fetch")).toList());
        assertEquals(Set.of("Sent", "Delivered", "Opened", "Clicked", "Responded"), history.stream()
                .filter(change -> change.endsWith("/go-callback")).map(change -> change.split("/")[0])
                .collect(Collectors.toSet()));
        assertEquals(history.size(), history.stream().distinct().count(), "no report recorded twice: " + history);
    }

    @Test
    void aPdfEndpointFailingIsRetriedUntilTheArchiveCompletes(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 1);
        String token = request.tokens.get(0);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        // Three failed archive attempts: the client's own four tries each, all answered with JSON instead of a PDF.
        sandbox.failNext("/go/pdf/", 12, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));

        rig.goCallback(request.goApiReference, token, "Responded");
        rig.drainStream();
        assertEquals("RETRY", rig.recipientItem(request.goApiReference, token).get("work").s());
        assertTrue(rig.versions("go/" + request.goApiReference + "/" + token + ".pdf").isEmpty(),
                "a JSON error is not archived as a PDF");
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));

        Map<String, AttributeValue> recipient = rig.recipientItem(request.goApiReference, token);
        assertEquals("ARCHIVED", recipient.get("archiveState").s());
        assertEquals(lastServed(sandbox, "/go/pdf/", token).sha256(), recipient.get("pdfSha256").s());
    }

    @Test
    void withEveryCallbackDroppedTheReconcilerStillArchivesEveryResult(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Created request = create(rig, 3);
        for (String token : request.tokens) {
            sandbox.completeRecipient(token, VerificationOutcome.PASS);
        }

        rig.reconcile.handle(Map.of(), new FunctionContext("test"));

        for (String token : request.tokens) {
            assertEquals("ARCHIVED", rig.recipientItem(request.goApiReference, token).get("archiveState").s(), token);
        }
        assertFalse(rig.requestItem(request.goApiReference).containsKey("work"), "the request is closed");
    }

    @Test
    void attemptsRunOutIntoAVisibleFailureThatOneRedriveRepairs(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of("ARCHIVE_MAX_ATTEMPTS", "2"));
        Created request = create(rig, 1);
        String token = request.tokens.get(0);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        sandbox.failNext("/go/pdf/", 8, ApiFault.of(ApiFault.Kind.HTTP_500));

        rig.goCallback(request.goApiReference, token, "Responded");
        rig.drainStream();
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));

        Map<String, AttributeValue> failed = rig.recipientItem(request.goApiReference, token);
        assertEquals("FAILED", failed.get("archiveState").s());
        assertEquals("FAILED", failed.get("work").s());
        APIGatewayV2HTTPResponse link = InContract.handle(rig.downloads, pdfEvent(token), new FunctionContext("test"));
        assertEquals(404, link.getStatusCode());
        assertTrue(body(link).get("error").get("message").asText().contains("failed"), link.getBody());

        Map<String, Object> redriven = rig.reconcile.handle(Map.of("redrive", "failed"), new FunctionContext("test"));
        assertEquals(1, redriven.get("redriven"));
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));

        assertEquals("ARCHIVED", rig.recipientItem(request.goApiReference, token).get("archiveState").s());
    }

    private record Created(String goApiReference, List<String> tokens) {
    }

    private static Created create(ArchiveRig rig, int recipients) {
        CreateHandler create = new CreateHandler(rig.components("CreateFunction"));
        SampleEvents event = SampleEvents.load("go-create.json").header("idempotency-key", UUID.randomUUID().toString())
                .editBody(body -> {
                    var list = (com.fasterxml.jackson.databind.node.ArrayNode) body.get("recipients");
                    for (int i = 1; i < recipients; i++) {
                        list.add(((com.fasterxml.jackson.databind.node.ObjectNode) list.get(0).deepCopy()).put("reference", "cust-" + i));
                    }
                });
        APIGatewayV2HTTPResponse response = InContract.handle(create, event.event(), new FunctionContext("test"));
        assertEquals(201, response.getStatusCode(), response.getBody());
        List<String> tokens = new ArrayList<>();
        body(response).get("recipients").forEach(recipient -> tokens.add(recipient.get("recipientToken").asText()));
        String goApiReference = body(response).get("goApiReference").asText();
        InContract.handle(new SendHandler(rig.components("SendFunction")), SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", goApiReference).header("idempotency-key", UUID.randomUUID().toString())
                .event(), new FunctionContext("test"));
        return new Created(goApiReference, tokens);
    }

    private static SampleEvents callback(String goApiReference, String token) {
        return SampleEvents.load("callbacks-go.json").queryParameter("goApiReference", goApiReference)
                .queryParameter("recipientToken", token);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent pdfEvent(String token) {
        return SampleEvents.load("go-recipient-pdf.json").pathParameter("recipientToken", token).event();
    }

    private static ServedDocument lastServed(CloudcheckSandbox sandbox, String path, String subject) {
        List<ServedDocument> served = sandbox.servedDocuments().stream()
                .filter(document -> document.path().equals(path) && subject.equals(document.subject())).toList();
        assertFalse(served.isEmpty(), "the sandbox served no " + path + " for " + subject);
        return served.get(served.size() - 1);
    }

    private static int tableSize(LocalAws aws) {
        return aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).count();
    }
}
