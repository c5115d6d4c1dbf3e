package org.cloudcheckkit.functions.archive;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.akahu.AkahuResultsHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A result that changes after it was archived - a response after expiry, a review - is archived again as a new
 * version beside the earlier ones, each with its hash, time and reason; downloads give the latest and list the rest.
 */
class EvidenceVersionsTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecipientWhoRespondsAfterExpiringIsArchivedAgainAndTheExpiredEvidenceStays(LocalAws aws, CloudcheckSandbox sandbox)
            throws Exception {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Recipient recipient = createAndSend(rig);
        String prefix = "go/" + recipient.goApiReference + "/" + recipient.token;

        sandbox.setRecipientStatus(recipient.token, RecipientStatus.EXPIRED);
        rig.goCallback(recipient.goApiReference, recipient.token, "Expired");
        rig.drainStream();
        byte[] expiredPdf = rig.object(prefix + ".pdf");
        assertEquals("Expired", JSON.readTree(rig.object(prefix + ".json")).get("status").asText());

        sandbox.setRecipientStatus(recipient.token, RecipientStatus.RESPONDED);
        assertEquals(200, rig.goCallback(recipient.goApiReference, recipient.token, "Responded").getStatusCode());
        rig.drainStream();

        Map<String, AttributeValue> item = rig.recipientItem(recipient.goApiReference, recipient.token);
        assertEquals("Responded", item.get("status").s());
        assertEquals("ARCHIVED", item.get("archiveState").s());
        assertEquals("2", item.get("version").n());
        assertEquals(prefix + ".v2.pdf", item.get("pdfKey").s());
        assertEquals("Responded", JSON.readTree(rig.object(prefix + ".v2.json")).get("status").asText());
        List<AttributeValue> versions = item.get("versions").l();
        assertEquals(2, versions.size());
        assertEquals(prefix + ".pdf", versions.get(0).m().get("pdfKey").s());
        assertEquals(ArchiveRig.sha256(expiredPdf), versions.get(0).m().get("pdfSha256").s());
        assertEquals("Expired", versions.get(0).m().get("status").s());
        assertEquals("Responded", versions.get(1).m().get("status").s());
        assertEquals("go-callback", versions.get(1).m().get("reason").s());
        assertEquals(1, rig.versions(prefix + ".pdf").size(), "the expired evidence was written once and never overwritten");
        assertEquals(ArchiveRig.sha256(expiredPdf), ArchiveRig.sha256(rig.object(prefix + ".pdf")));

        JsonNode link = body(InContract.handle(rig.downloads, SampleEvents.load("go-recipient-pdf.json")
                .pathParameter("recipientToken", recipient.token).event(), new FunctionContext("test")));
        assertEquals(2, link.get("version").asInt());
        assertEquals(prefix + ".v2.pdf", link.get("key").asText());
        assertEquals(1, link.get("earlierVersions").size());
        assertEquals(1, link.get("earlierVersions").get(0).get("version").asInt());
        assertEquals(ArchiveRig.sha256(expiredPdf), link.get("earlierVersions").get(0).get("sha256").asText());
    }

    @Test
    void anAccountWebhookNamingARecipientRefreshesItAndAnUnchangedResultIsNotArchivedTwice(LocalAws aws,
                                                                                          CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Recipient recipient = createAndSend(rig);
        String prefix = "go/" + recipient.goApiReference + "/" + recipient.token;
        sandbox.setRecipientStatus(recipient.token, RecipientStatus.EXPIRED);
        rig.goCallback(recipient.goApiReference, recipient.token, "Expired");
        rig.drainStream();

        APIGatewayV2HTTPResponse unchanged = accountWebhook(rig, "VERIFICATION", "REVIEW", recipient.token);
        rig.drainStream();
        assertEquals(200, unchanged.getStatusCode(), unchanged.getBody());
        assertEquals("1", rig.recipientItem(recipient.goApiReference, recipient.token).get("version").n(),
                "the same result is the same evidence: no second version");
        assertEquals(2, rig.versions(prefix).size(), "one PDF and one JSON");

        sandbox.setRecipientStatus(recipient.token, RecipientStatus.RESPONDED);
        accountWebhook(rig, "VERIFICATION", "STATUS_CHANGE", recipient.token);
        rig.drainStream();

        Map<String, AttributeValue> item = rig.recipientItem(recipient.goApiReference, recipient.token);
        assertEquals("2", item.get("version").n());
        assertEquals("account-webhook", item.get("versions").l().get(1).m().get("reason").s());
    }

    @Test
    void anAkahuReviewThroughTheApiIsArchivedAsANewVersion(LocalAws aws, CloudcheckSandbox sandbox) throws Exception {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        APIGatewayV2HTTPResponse started = InContract.handle(new AkahuInitiateHandler(rig.components("AkahuInitiateFunction")),
                SampleEvents.load("akahu-initiate.json").header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        String token = body(started).get("token").asText();
        String callbackId = aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .filter(item -> token.equals(item.getOrDefault("akahuToken", AttributeValue.fromS("")).s()))
                .findFirst().orElseThrow().get("callbackId").s();
        sandbox.completeAkahu(token, AkahuStatus.PASS);
        InContract.handle(rig.receipt,
                SampleEvents.load("callbacks-akahu-notification.json").queryParameter("cid", callbackId)
                .queryParameter("t", rig.components("WebhookReceiptFunction").callbackTokens()
                        .tokenFor(CallbackKind.AKAHU, callbackId)).event(), new FunctionContext("test"));
        rig.drainStream();
        assertEquals("1", rig.item("AKAHU#" + callbackId, "SESSION").get("version").n());

        APIGatewayV2HTTPResponse reviewed = InContract.handle(new AkahuResultsHandler(rig.components("AkahuResultsFunction")),
                SampleEvents.load("akahu-review.json").pathParameter("token", token).event(), new FunctionContext("test"));
        assertEquals(200, reviewed.getStatusCode(), reviewed.getBody());
        rig.drainStream();

        Map<String, AttributeValue> session = rig.item("AKAHU#" + callbackId, "SESSION");
        assertEquals("2", session.get("version").n());
        assertEquals("akahu-review", session.get("versions").l().get(1).m().get("reason").s());
        assertTrue(JSON.readTree(rig.object("akahu/" + token + ".v2.json")).has("review"),
                "the new version is the reviewed result");
        assertTrue(!JSON.readTree(rig.object("akahu/" + token + ".json")).has("review"),
                "the version from before the review is kept as it was");
    }

    private record Recipient(String goApiReference, String token) {
    }

    private static Recipient createAndSend(ArchiveRig rig) {
        APIGatewayV2HTTPResponse created = InContract.handle(new CreateHandler(rig.components("CreateFunction")),
                SampleEvents.load("go-create.json").event(), new FunctionContext("test"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String goApiReference = body(created).get("goApiReference").asText();
        InContract.handle(new SendHandler(rig.components("SendFunction")), SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", goApiReference).event(), new FunctionContext("test"));
        return new Recipient(goApiReference, body(created).get("recipients").get(0).get("recipientToken").asText());
    }

    private static APIGatewayV2HTTPResponse accountWebhook(ArchiveRig rig, String requestType, String eventType,
                                                           String reference) {
        return InContract.handle(rig.receipt, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", rig.aws.secretFields("WebhookTokenSecret").get("webhookToken"))
                .body("{\"requestType\":\"" + requestType + "\",\"eventType\":\"" + eventType + "\",\"reference\":\""
                        + reference + "\"}").event(), new FunctionContext("test"));
    }
}
