package org.cloudcheckkit.functions.callbacks;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A callback URL is good only for what it was issued for: one request and its recipients, one Akahu session. A
 * refused callback writes nothing and costs no Cloudcheck call. Repeated account webhooks are one event; events
 * expire; callback URLs survive a rotation of the signing key.
 */
class CallbackBindingTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    private record Request(String goApiReference, String recipientToken, String callbackId) {
    }

    @Test
    void aGoCallbackUrlIsRefusedForAnotherRequestOrAnotherRequestsRecipientAndNothingHappens(LocalAws aws,
                                                                                             CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        Request mine = create(rig);
        Request other = create(rig);
        int eventsBefore = events(rig).size();

        APIGatewayV2HTTPResponse otherRequest = goCallback(rig, mine.callbackId, other.goApiReference, other.recipientToken);
        APIGatewayV2HTTPResponse otherRecipient = goCallback(rig, mine.callbackId, mine.goApiReference, other.recipientToken);
        APIGatewayV2HTTPResponse unknownRequest = goCallback(rig, mine.callbackId, "made-up", other.recipientToken);

        for (APIGatewayV2HTTPResponse refused : List.of(otherRequest, otherRecipient, unknownRequest)) {
            assertEquals(403, refused.getStatusCode(), refused.getBody());
        }
        assertEquals(eventsBefore, events(rig).size(), "nothing was written");
        rig.deliverStream();
        assertEquals(0, sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count(),
                "and nothing fetched");
        assertEquals(200, goCallback(rig, mine.callbackId, mine.goApiReference, mine.recipientToken).getStatusCode(),
                "its own request and recipient are accepted");
    }

    @Test
    void anAkahuCallbackUrlIsRefusedForAWebhookNamingAnotherSession(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        JsonNode mine = initiate(rig);
        JsonNode other = initiate(rig);
        String myCallbackId = rig.instance("ArchiveFunction").akahuSessions().findByToken(mine.get("token").asText())
                .orElseThrow().callbackId();

        APIGatewayV2HTTPResponse refused = akahuWebhook(rig, myCallbackId, other.get("token").asText());
        APIGatewayV2HTTPResponse accepted = akahuWebhook(rig, myCallbackId, mine.get("token").asText());

        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals(200, accepted.getStatusCode(), accepted.getBody());
    }

    @Test
    void identicalAccountWebhooksWithinTheWindowAreOneEventAndCostOneFetch(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String token = initiate(rig).get("token").asText();
        rig.deliverStream();
        CLOCK.advance(Duration.ofMinutes(5).minusMillis(CLOCK.millis() % Duration.ofMinutes(5).toMillis()));
        long fetchesBefore = akahuFetches(sandbox);

        for (int repeat = 0; repeat < 5; repeat++) {
            assertEquals(200, accountWebhook(rig, token).getStatusCode());
            CLOCK.advance(Duration.ofSeconds(50));
        }
        rig.deliverStream();

        assertEquals(1, akahuFetches(sandbox) - fetchesBefore, "five alike within five minutes are one event");
        CLOCK.advance(Duration.ofMinutes(5));
        accountWebhook(rig, token);
        rig.deliverStream();
        assertEquals(2, akahuFetches(sandbox) - fetchesBefore, "a later one is a new event");
    }

    @Test
    void eventItemsExpireAWeekAfterTheyArrive(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        Request request = create(rig);

        goCallback(rig, request.callbackId, request.goApiReference, request.recipientToken);

        Item event = events(rig).get(events(rig).size() - 1);
        assertEquals(CLOCK.instant().plus(Duration.ofDays(7)).getEpochSecond(), event.number("expiresAt").orElseThrow());
    }

    @Test
    void callbackUrlsCloudcheckHoldsStillWorkAfterTheSigningKeyIsRotated(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        Request request = create(rig);
        String issued = rig.instance("CreateFunction").callbackTokens().tokenFor(CallbackKind.GO, request.callbackId);
        Map<String, String> secret = aws.secretFields("CallbackKeySecret");
        aws.secretsManager().putSecretValue(r -> r.secretId(aws.secretName("CallbackKeySecret")).secretString(
                "{\"keyId\":\"2\",\"signingKey\":\"a-new-signing-key-of-enough-length\",\"previousKeys\":{\"1\":\""
                        + secret.get("signingKey") + "\"}}"));

        String rotated = rig.instance("CreateFunction").callbackTokens().tokenFor(CallbackKind.GO, request.callbackId);
        String beforeKeyIds = issued.substring(issued.indexOf('.') + 1);

        assertTrue(rotated.startsWith("2."), "new URLs are made with the new key: " + rotated);
        assertEquals(200, goCallback(rig, request.callbackId, request.goApiReference, request.recipientToken, issued)
                .getStatusCode(), "a URL made with the previous key");
        assertEquals(200, goCallback(rig, request.callbackId, request.goApiReference, request.recipientToken, beforeKeyIds)
                .getStatusCode(), "a URL made before key ids, with key 1");
        aws.secretsManager().putSecretValue(r -> r.secretId(aws.secretName("CallbackKeySecret")).secretString(
                "{\"keyId\":\"2\",\"signingKey\":\"a-new-signing-key-of-enough-length\"}"));
        assertEquals(403, goCallback(rig, request.callbackId, request.goApiReference, request.recipientToken, issued)
                .getStatusCode(), "once the previous key is dropped, its URLs are refused");
    }

    private static Request create(StackRig rig) {
        JsonNode created = body(InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                SampleEvents.load("go-create.json").event(), new FunctionContext("test")));
        String goApiReference = created.get("goApiReference").asText();
        return new Request(goApiReference, created.get("recipients").get(0).get("recipientToken").asText(),
                rig.instance("CreateFunction").goRequestTable().find(goApiReference).orElseThrow().callbackId());
    }

    private static JsonNode initiate(StackRig rig) {
        return body(InContract.handle(new AkahuInitiateHandler(rig.instance("AkahuInitiateFunction")),
                SampleEvents.load("akahu-initiate.json").event(), new FunctionContext("test")));
    }

    private static APIGatewayV2HTTPResponse goCallback(StackRig rig, String callbackId, String goApiReference,
                                                       String recipientToken) {
        return goCallback(rig, callbackId, goApiReference, recipientToken,
                rig.instance("WebhookReceiptFunction").callbackTokens().tokenFor(CallbackKind.GO, callbackId));
    }

    private static APIGatewayV2HTTPResponse goCallback(StackRig rig, String callbackId, String goApiReference,
                                                       String recipientToken, String token) {
        return InContract.handle(new WebhookReceiptHandler(rig.instance("WebhookReceiptFunction")),
                SampleEvents.load("callbacks-go.json")
                .queryParameter("cid", callbackId).queryParameter("t", token)
                .queryParameter("goApiReference", goApiReference).queryParameter("recipientToken", recipientToken)
                .queryParameter("status", "Opened").event(), new FunctionContext("test"));
    }

    private static APIGatewayV2HTTPResponse akahuWebhook(StackRig rig, String callbackId, String akahuToken) {
        return InContract.handle(new WebhookReceiptHandler(rig.instance("WebhookReceiptFunction")),
                SampleEvents.load("callbacks-akahu-webhook.json").queryParameter("cid", callbackId)
                        .queryParameter("t", rig.instance("WebhookReceiptFunction").callbackTokens()
                                .tokenFor(CallbackKind.AKAHU, callbackId))
                        .body("{\"requestType\":\"AKAHU\",\"eventType\":\"STATUS_CHANGE\",\"reference\":\"" + akahuToken + "\"}")
                        .event(), new FunctionContext("test"));
    }

    private static APIGatewayV2HTTPResponse accountWebhook(StackRig rig, String akahuToken) {
        return InContract.handle(new WebhookReceiptHandler(rig.instance("WebhookReceiptFunction")),
                SampleEvents.load("webhooks-cloudcheck.json")
                        .queryParameter("t", rig.aws.secretFields("WebhookTokenSecret").get("webhookToken"))
                        .body("{\"requestType\":\"AKAHU\",\"eventType\":\"STATUS_CHANGE\",\"reference\":\"" + akahuToken + "\"}")
                        .event(), new FunctionContext("test"));
    }

    private static long akahuFetches(CloudcheckSandbox sandbox) {
        return sandbox.calls().stream().filter(call -> call.path().equals("/akahu/result/")).count();
    }

    private static List<Item> events(StackRig rig) {
        return StateAudit.items(rig.aws.dynamoDb(), rig.aws.physicalName("Table")).stream()
                .filter(item -> item.itemKey() instanceof ItemKey.Event)
                .sorted(java.util.Comparator.comparing(item -> item.string("receivedAt"))).toList();
    }
}
