package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /intents: a create whose answer was lost stays an open intent; past its time it is stale, counted, and shown
 * to the principal who made it - and to nobody else. Once a callback adopts what it made, it is shown with Cloudcheck's
 * identifiers until its Idempotency-Key expires. A create Cloudcheck refused made nothing and is not shown.
 */
class OpenIntentsTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void aCreateWhoseAnswerWasLostIsShownToItsOwnerAsStaleAndCounted(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of("CLOUDCHECK_READ_TIMEOUT_MS", "1000"));
        sandbox.failNext("/go/create/", 1, ApiFault.timeout(Duration.ofSeconds(3)));
        String key = UUID.randomUUID().toString();

        APIGatewayV2HTTPResponse lost = create(rig, "user-a", key);
        assertEquals(502, lost.getStatusCode(), lost.getBody());
        assertEquals("CLOUDCHECK_OUTCOME_UNKNOWN", body(lost).get("error").get("code").asText());
        assertEquals(1, intents(rig, "user-a").size(), "an open intent is shown at once");

        CLOCK.advance(Duration.ofMinutes(6));
        rig.reconcile();

        JsonNode stale = intents(rig, "user-a");
        assertEquals(1, stale.size(), stale.toString());
        assertEquals("STALE", stale.get(0).get("state").asText());
        assertEquals("GO_CREATE", stale.get(0).get("operation").asText());
        assertEquals(key, stale.get(0).get("idempotencyKey").asText(), "the owner can tell which of its calls it was");
        assertEquals(0, intents(rig, "user-b").size(), "another principal sees none of it");
        assertEquals(1L, rig.metrics.get("StaleIntents"));
        rig.reconcile();
        assertEquals(1L, rig.metrics.get("StaleIntents"), "counted once, when it turned stale");
        assertEquals(1, createsOnceRecorded(sandbox), "nothing is sent again on the intent's behalf");
    }

    /** The sandbox records a call when it has answered it, which for the delayed one is after our timeout. */
    private static long createsOnceRecorded(CloudcheckSandbox sandbox) {
        Instant until = Instant.now().plusSeconds(10);
        long creates;
        do {
            creates = sandbox.calls().stream().filter(call -> call.path().equals("/go/create/")).count();
        } while (creates == 0 && Instant.now().isBefore(until) && pause());
        return creates;
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void anAdoptedCreateIsShownToItsOwnerWithWhatItMadeUntilItsKeyExpires(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of("CLOUDCHECK_READ_TIMEOUT_MS", "1000"));
        sandbox.failNext("/go/create/", 1, ApiFault.timeout(Duration.ofSeconds(3)));
        String key = UUID.randomUUID().toString();
        assertEquals(502, create(rig, "user-d", key).getStatusCode());
        createsOnceRecorded(sandbox);
        String token = sandbox.recipientTokens().iterator().next();

        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();

        JsonNode adopted = intents(rig, "user-d");
        assertEquals(1, adopted.size(), adopted.toString());
        assertEquals("ADOPTED", adopted.get(0).get("state").asText());
        assertEquals(sandbox.recipient(token).goApiReference(), adopted.get(0).get("goApiReference").asText(),
                "the owner learns what its lost create made");
        assertEquals(key, adopted.get(0).get("idempotencyKey").asText());

        CLOCK.advance(Duration.ofHours(25));
        rig.reconcile();
        assertEquals(0, intents(rig, "user-d").size(), "no longer shown once its Idempotency-Key has expired");
    }

    @Test
    void aCreateCloudcheckRefusedMadeNothingAndIsNotShown(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of());
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.ERROR_111));
        String key = UUID.randomUUID().toString();

        APIGatewayV2HTTPResponse refused = create(rig, "user-c", key);

        assertEquals(503, refused.getStatusCode(), refused.getBody());
        assertEquals(0, intents(rig, "user-c").size());
        assertTrue(StateAudit.intents(aws.dynamoDb(), aws.physicalName("Table")).stream()
                .filter(intent -> key.equals(intent.idempotencyKey()))
                .allMatch(intent -> intent.state() == IntentItem.State.NOT_MADE));
    }

    private static APIGatewayV2HTTPResponse create(StackRig rig, String principal, String idempotencyKey) {
        return InContract.handle(new CreateHandler(rig.instance("CreateFunction")), SampleEvents.load("go-create.json")
                .principal(principal).header("idempotency-key", idempotencyKey).event(), new FunctionContext("test"));
    }

    private static JsonNode intents(StackRig rig, String principal) {
        APIGatewayV2HTTPResponse listed = InContract.handle(new ResultsHandler(rig.instance("ResultsFunction")),
                SampleEvents.load("intents.json").principal(principal).event(), new FunctionContext("test"));
        assertEquals(200, listed.getStatusCode(), listed.getBody());
        return body(listed).get("intents");
    }
}
