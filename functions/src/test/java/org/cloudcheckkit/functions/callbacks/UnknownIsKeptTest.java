package org.cloudcheckkit.functions.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.StateAudit;
import org.cloudcheckkit.table.StatusChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Cloudcheck may add - a status, a webhook type, a field - is received (2xx), recorded, counted in a metric an
 * operator can alarm on, and, where it names a subject of ours, that subject is refreshed. Seed 002: new event types
 * and fields may be added, and Cloudcheck only logs an answer that is not 2xx.
 */
class UnknownIsKeptTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void aCallbackWithAStatusThisServiceDoesNotKnowIsAcceptedCountedKeptAndItsRecipientRefreshed(LocalAws aws,
                                                                                               CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        ItemKey.Recipient recipient = rig.sentRecipient();
        rig.relayCallbacks();
        rig.deliverStream();
        long fetchesBefore = sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count();
        Components receipt = rig.instance("WebhookReceiptFunction");
        String callbackId = receipt.goRequestTable().find(recipient.goApiReference()).orElseThrow().callbackId();

        APIGatewayV2HTTPResponse response = InContract.handle(new WebhookReceiptHandler(receipt),
                SampleEvents.load("callbacks-go.json")
                .queryParameter("cid", callbackId).queryParameter("t", receipt.callbackTokens().tokenFor(CallbackKind.GO, callbackId))
                .queryParameter("goApiReference", recipient.goApiReference())
                .queryParameter("recipientToken", recipient.recipientToken())
                .queryParameter("status", "Reminder Sent").event(), new FunctionContext("test"));
        rig.deliverStream();

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1L, rig.metrics.get(Metric.UNKNOWN_STATUSES.metricName()), "counted, for an operator to alarm on");
        List<StatusChange> trail = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), recipient).history();
        assertTrue(trail.stream().anyMatch(change -> change.status().equals("Reminder Sent")
                && change.source().equals("go-callback")), "kept in the trail: " + trail);
        assertEquals(fetchesBefore + 1, sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count(),
                "and the recipient it names was fetched again");
    }

    @Test
    void aWebhookOfATypeAddedSinceIsRecordedWithItsNewFieldsCountedAndItsRecipientRefreshed(LocalAws aws,
                                                                                          CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        ItemKey.Recipient recipient = rig.sentRecipient();
        rig.relayCallbacks();
        rig.deliverStream();
        long fetchesBefore = sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count();
        String body = "{\"requestType\":\"VERIFICATION_V2\",\"eventType\":\"DOCUMENT_EXPIRY\",\"reference\":\""
                + recipient.recipientToken() + "\",\"expiresOn\":\"2027-01-31\"}";

        APIGatewayV2HTTPResponse response = InContract.handle(new WebhookReceiptHandler(rig.instance("WebhookReceiptFunction")),
                SampleEvents.load("webhooks-cloudcheck.json")
                        .queryParameter("t", aws.secretFields("WebhookTokenSecret").get("webhookToken")).body(body).event(), new FunctionContext("test"));
        rig.deliverStream();

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1L, rig.metrics.get(Metric.UNKNOWN_EVENT_TYPES.metricName()));
        Item event = StateAudit.items(aws.dynamoDb(), aws.physicalName("Table")).stream()
                .filter(item -> "DOCUMENT_EXPIRY".equals(item.string("eventType"))).findFirst().orElseThrow();
        assertEquals(body, event.string("payload"), "the body is kept whole: its new field too");
        assertEquals(fetchesBefore + 1, sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count(),
                "the recipient it names was fetched again");
    }
}
