package org.cloudcheckkit.functions.archive;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An Akahu session's final result is archived once, whether its webhook, its notification or the reconciler tells. */
class AkahuArchiveTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void theWebhookLeadsToTheArchivedResult(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Session session = initiate(rig);
        sandbox.completeAkahu(session.token, AkahuStatus.FAIL);

        APIGatewayV2HTTPResponse webhook = InContract.handle(rig.receipt,
                akahuCallback(rig, "callbacks-akahu-webhook.json", session)
                .body("{\"requestType\":\"AKAHU\",\"eventType\":\"STATUS_CHANGE\",\"reference\":\"" + session.token + "\"}")
                .event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse notification = InContract.handle(rig.receipt,
                akahuCallback(rig, "callbacks-akahu-notification.json", session).event(), new FunctionContext("test"));
        rig.drainStream();

        assertEquals(200, webhook.getStatusCode(), webhook.getBody());
        assertEquals(200, notification.getStatusCode(), notification.getBody());
        Map<String, AttributeValue> item = rig.item("AKAHU#" + session.callbackId, "SESSION");
        assertEquals("Fail", item.get("status").s());
        assertEquals("ARCHIVED", item.get("archiveState").s());
        assertEquals(2, rig.versions("akahu/" + session.token).size(), "one PDF and one JSON");
        assertTrue(new String(rig.object("akahu/" + session.token + ".json")).contains("\"Fail\""));

        APIGatewayV2HTTPResponse link = InContract.handle(rig.downloads, SampleEvents.load("akahu-session-pdf.json")
                .pathParameter("token", session.token).event(), new FunctionContext("test"));
        assertEquals(200, link.getStatusCode(), link.getBody());
        assertEquals(ArchiveRig.sha256(rig.object("akahu/" + session.token + ".pdf")), body(link).get("sha256").asText());
    }

    @Test
    void aPendingSessionIsReconciledUntilItIsFinalThenArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Session session = initiate(rig);

        rig.reconcile.handle(Map.of(), new FunctionContext("test"));
        Map<String, AttributeValue> pending = rig.item("AKAHU#" + session.callbackId, "SESSION");
        assertEquals("Pending", pending.get("status").s());
        assertEquals("RECONCILE", pending.get("work").s(), "a pending session stays on the reconciler's list");

        sandbox.completeAkahu(session.token, AkahuStatus.USER_DECLINED);
        rig.reconcile.handle(Map.of(), new FunctionContext("test"));

        Map<String, AttributeValue> done = rig.item("AKAHU#" + session.callbackId, "SESSION");
        assertEquals("User declined", done.get("status").s());
        assertEquals("ARCHIVED", done.get("archiveState").s());
        assertTrue(!done.containsKey("work"));
    }

    @Test
    void anAccountWebhookForAnAkahuReviewRefreshesItsSession(LocalAws aws, CloudcheckSandbox sandbox) {
        ArchiveRig rig = new ArchiveRig(aws, sandbox, Map.of());
        Session session = initiate(rig);
        sandbox.completeAkahu(session.token, AkahuStatus.PASS);
        String webhookToken = aws.secretFields("WebhookTokenSecret").get("webhookToken");

        APIGatewayV2HTTPResponse received = InContract.handle(rig.receipt, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", webhookToken)
                .body("{\"requestType\":\"AKAHU\",\"eventType\":\"REVIEW\",\"reference\":\"" + session.token + "\"}")
                .event(), new FunctionContext("test"));
        rig.drainStream();

        assertEquals(200, received.getStatusCode(), received.getBody());
        assertEquals("ARCHIVED", rig.item("AKAHU#" + session.callbackId, "SESSION").get("archiveState").s());
    }

    private record Session(String token, String callbackId) {
    }

    private static Session initiate(ArchiveRig rig) {
        APIGatewayV2HTTPResponse started = InContract.handle(new AkahuInitiateHandler(rig.components("AkahuInitiateFunction")),
                SampleEvents.load("akahu-initiate.json").header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        assertEquals(201, started.getStatusCode(), started.getBody());
        String token = body(started).get("token").asText();
        String callbackId = rig.aws.dynamoDb().scan(r -> r.tableName(rig.aws.physicalName("Table"))).items().stream()
                .filter(item -> token.equals(item.getOrDefault("akahuToken", AttributeValue.fromS("")).s()))
                .findFirst().orElseThrow().get("callbackId").s();
        return new Session(token, callbackId);
    }

    private static SampleEvents akahuCallback(ArchiveRig rig, String event, Session session) {
        return SampleEvents.load(event).queryParameter("cid", session.callbackId).queryParameter("t",
                rig.components("WebhookReceiptFunction").callbackTokens().tokenFor(CallbackKind.AKAHU, session.callbackId));
    }
}
