package org.cloudcheckkit.functions.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.crash.SimulatedCrash;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.DueWork;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Work runs on its schedule, and one bad item never holds up the rest: a result whose PDF keeps failing costs one
 * Cloudcheck call per attempt and ends FAILED; an item the reconciler or the stream cannot handle is counted and
 * rescheduled while everything else goes on.
 */
class ScheduledWorkTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @Test
    void aResultWhosePdfKeepsFailingIsFetchedOncePerAttemptOnItsBackoffAndEndsFailed(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of("ARCHIVE_RETRY_BASE_SECONDS", "60"));
        String token = rig.sentRecipient().recipientToken();
        sandbox.failNext("/go/pdf/", 1_000, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();
        // One attempt: the result fetched once, the PDF as often as the client's own retries allow within the call.
        assertEquals(1, calls(sandbox, "/go/result/"), "the callback's attempt");
        long pdfCallsPerAttempt = calls(sandbox, "/go/pdf/");

        for (int tick = 0; tick < 10; tick++) {
            rig.reconcile();
        }
        assertEquals(1, calls(sandbox, "/go/result/"), "no attempt before the retry is due");
        assertEquals(pdfCallsPerAttempt, calls(sandbox, "/go/pdf/"), "and no PDF fetched between attempts");

        ItemKey.Recipient key = new ItemKey.Recipient(sandbox.recipient(token).goApiReference(), token);
        for (int attempt = 2; attempt <= 8; attempt++) {
            CLOCK.advance(Duration.ofHours(1));
            rig.reconcile();
            rig.reconcile();
            assertEquals(attempt, calls(sandbox, "/go/result/"), "attempt " + attempt + " made once, when due");
        }
        ResultItem failed = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), key);
        assertEquals(ArchiveState.FAILED, failed.archive().state());
        assertEquals(DueWork.FAILED, failed.work(), "listed for the operator's re-drive");
        assertEquals(8, failed.archive().attempts());
        assertEquals(1L, rig.metrics.get("ArchiveFailed"));
        CLOCK.advance(Duration.ofHours(2));
        rig.reconcile();
        assertEquals(8, calls(sandbox, "/go/result/"), "a FAILED result waits for its re-drive");
    }

    @Test
    void aResultThatKillsEveryWorkerHoldingItsClaimEndsFailedAfterItsAttempts(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of());
        CrashPoints diesWhileArchiving = point -> {
            if (point == CrashPoint.ARCHIVE_CLAIMED) {
                throw new SimulatedCrash(point);
            }
        };
        String token = rig.sentRecipient().recipientToken();
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream(() -> new ArchiveHandler(rig.instance("ArchiveFunction", diesWhileArchiving)));

        for (int takeover = 1; takeover <= 8; takeover++) {
            CLOCK.advance(Duration.ofMinutes(6));
            rig.reconcile(diesWhileArchiving);
        }

        ItemKey.Recipient key = new ItemKey.Recipient(sandbox.recipient(token).goApiReference(), token);
        ResultItem failed = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), key);
        assertEquals(ArchiveState.FAILED, failed.archive().state(), "each lease that ran out was counted");
        assertEquals(DueWork.FAILED, failed.work());
        assertEquals(1L, rig.metrics.get("ArchiveFailed"));
        assertTrue(failed.archive().lastError().contains("lease"), failed.archive().lastError());
    }

    @Test
    void anItemTheReconcilerCannotHandleIsCountedAndRescheduledAndTheRunGoesOn(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of());
        // A hand-edited request item the model cannot read, due before everything else.
        String table = aws.physicalName("Table");
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("GO#garbled"),
                "sk", AttributeValue.fromS("REQUEST"), "createdAt", AttributeValue.fromS("not a time"),
                "work", AttributeValue.fromS("RECONCILE"), "dueAt", AttributeValue.fromN("1"))));
        sandbox.failNextCallbacks(CallbackFault.drop(10));
        String token = rig.sentRecipient().recipientToken();
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        CLOCK.advance(Duration.ofSeconds(1));

        JsonNode run = rig.reconcile();

        assertEquals(1, run.get("failures").asInt(), run.toString());
        ResultItem archived = StateAudit.result(aws.dynamoDb(), table,
                new ItemKey.Recipient(sandbox.recipient(token).goApiReference(), token));
        assertNotNull(archived, "the run went on to the request after the bad one");
        assertEquals(ArchiveState.ARCHIVED, archived.archive().state());
        assertTrue(StateAudit.items(aws.dynamoDb(), table).stream()
                .filter(item -> item.itemKey().equals(new ItemKey.GoRequest("garbled"))).findFirst().orElseThrow()
                .number("dueAt").orElseThrow() > CLOCK.millis(), "the bad item is due again later, not at once");
        assertEquals(1L, rig.metrics.get("ReconcileItemFailures"));
    }

    @Test
    void aStreamRecordThatCannotBeHandledDoesNotHoldUpTheRestOfItsBatch(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK, Map.of());
        String token = rig.sentRecipient().recipientToken();
        rig.deliverStream();
        String table = aws.physicalName("Table");
        // An Akahu session item the model cannot read, and an event for it first in the batch.
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("AKAHU#garbled"),
                "sk", AttributeValue.fromS("SESSION"), "callbackId", AttributeValue.fromS("garbled"))));
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("AKAHU#garbled"),
                "sk", AttributeValue.fromS("EVENT#NOTIFICATION"), "kind", AttributeValue.fromS("AKAHU_NOTIFICATION"),
                "callbackId", AttributeValue.fromS("garbled"))));
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();

        List<String> answers = rig.deliverStreamOnce();

        assertEquals(1, answers.size(), "one batch: the bad event and the recipient's callbacks");
        assertTrue(answers.get(0).contains("itemIdentifier"), "the bad record is reported, so Lambda retries from it: "
                + answers.get(0));
        ResultItem archived = StateAudit.result(aws.dynamoDb(), table,
                new ItemKey.Recipient(sandbox.recipient(token).goApiReference(), token));
        assertEquals(ArchiveState.ARCHIVED, archived.archive().state(), "the records after it were handled all the same");
    }

    private static long calls(CloudcheckSandbox sandbox, String path) {
        return sandbox.calls().stream().filter(call -> call.path().equals(path)).count();
    }
}
