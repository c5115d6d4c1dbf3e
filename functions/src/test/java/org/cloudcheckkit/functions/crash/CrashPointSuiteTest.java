package org.cloudcheckkit.functions.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.archive.ArchiveHandler;
import org.cloudcheckkit.functions.archive.DownloadsHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.QuickSendHandler;
import org.cloudcheckkit.functions.go.RecipientsHandler;
import org.cloudcheckkit.functions.go.ResultsHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.CallRecord;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The crash-point suite: every flow that writes is killed at each named point where a process can die with its
 * work half done ({@link CrashPoint}), then left to what runs in production - a new instance for the next call, the
 * stream's retry of the batch, Cloudcheck's callbacks, the reconciler on its schedule. After each, the invariants:
 * every final result Cloudcheck holds is archived exactly once, as the bytes it served; no billable call reached
 * Cloudcheck twice; no item is left in a state that nothing will pick up.
 */
@Tag("slow")
class CrashPointSuiteTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    /** The functions' clock, moved past leases and intent times; the sandbox checks request timestamps against it. */
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BILLABLE = List.of("/go/create/", "/go/quicksend/", "/go/add-recipient/", "/akahu/initiate/");
    /** Large enough that a PDF or zip goes up as a multipart upload (8 MB parts). */
    private static final long MULTIPART_PADDING = 9L * 1024 * 1024;
    private static final Map<CrashPoint, List<String>> COVERED = new EnumMap<>(CrashPoint.class);

    // --- Billable calls ---------------------------------------------------------------------------------------

    @Test
    void aCreateThatDiesBeforeCallingCloudcheckMakesNothingAndIsShownToItsOwnerAsStale(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String key = UUID.randomUUID().toString();
        CrashAt crash = CrashAt.first(CrashPoint.INTENT_RECORDED);

        assertTrue(StackRig.diedIn(() -> create(rig, crash, key)));
        rig.recover();

        assertEquals(409, create(rig, CrashPoints.NONE, key).getStatusCode(), "a repeat with the key is not acted on blindly");
        List<IntentItem> stale = intentsWithKey(rig, key);
        assertEquals(IntentItem.State.STALE, stale.get(0).state(), "past its time the intent is stale");
        JsonNode shown = body(InContract.handle(new ResultsHandler(rig.instance("ResultsFunction")),
                SampleEvents.load("intents.json").event(), context())).get("intents");
        assertTrue(shown.findValuesAsText("idempotencyKey").contains(key), "and shown to its owner: " + shown);
        assertInvariants(rig, Map.of("/go/create/", 0), List.of());
        covered(crash, "create");
    }

    @Test
    void aCreateThatDiesAfterCloudcheckAnsweredIsAdoptedFromItsCallbackAndArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CrashAt crash = CrashAt.first(CrashPoint.CLOUDCHECK_ANSWERED);

        assertTrue(StackRig.diedIn(() -> create(rig, crash, UUID.randomUUID().toString())));
        String token = onlyToken(sandbox);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.recover();

        assertInvariants(rig, Map.of("/go/create/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "create");
    }

    @Test
    void aCreateThatDiesBeforeItsKeyIsCompletedIsRecordedAndItsRepeatIsNotBilled(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String key = UUID.randomUUID().toString();
        CrashAt crash = CrashAt.first(CrashPoint.CALL_RECORDED);

        assertTrue(StackRig.diedIn(() -> create(rig, crash, key)));
        assertEquals(409, create(rig, CrashPoints.NONE, key).getStatusCode());
        String token = onlyToken(sandbox);
        send(rig, sandbox.recipient(token).goApiReference());
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.recover();

        assertInvariants(rig, Map.of("/go/create/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "create");
    }

    @Test
    void aQuickSendThatDiesBeforeCallingCloudcheckMakesNothing(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CrashAt crash = CrashAt.first(CrashPoint.INTENT_RECORDED);

        assertTrue(StackRig.diedIn(() -> quickSend(rig, crash)));
        rig.recover();

        assertInvariants(rig, Map.of("/go/quicksend/", 0), List.of());
        covered(crash, "quick send");
    }

    @Test
    void aQuickSendThatDiesAfterCloudcheckAnsweredIsAdoptedFromItsCallbackAndArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CrashAt crash = CrashAt.first(CrashPoint.CLOUDCHECK_ANSWERED);

        assertTrue(StackRig.diedIn(() -> quickSend(rig, crash)));
        String token = onlyToken(sandbox);
        sandbox.completeRecipient(token, VerificationOutcome.FAIL);
        rig.recover();

        assertInvariants(rig, Map.of("/go/quicksend/", 1), List.of(goResult(sandbox, token)));
        String goApiReference = sandbox.recipient(token).goApiReference();
        assertEquals(IntentItem.State.ADOPTED, StateAudit.intents(aws.dynamoDb(), table(aws)).stream()
                .filter(intent -> goApiReference.equals(intent.goApiReference())).findFirst().orElseThrow().state(),
                "the intent records that what Cloudcheck made was adopted");
        covered(crash, "quick send");
    }

    @Test
    void aQuickSendThatDiesBeforeItsKeyIsCompletedIsArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CrashAt crash = CrashAt.first(CrashPoint.CALL_RECORDED);

        assertTrue(StackRig.diedIn(() -> quickSend(rig, crash)));
        String token = onlyToken(sandbox);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.recover();

        assertInvariants(rig, Map.of("/go/quicksend/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "quick send");
    }

    @Test
    void anAddedRecipientWhoseAnswerWasLostIsAdoptedIntoTheRosterAndArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        JsonNode created = body(create(rig, CrashPoints.NONE, UUID.randomUUID().toString()));
        String goApiReference = created.get("goApiReference").asText();
        String first = created.get("recipients").get(0).get("recipientToken").asText();
        send(rig, goApiReference);
        CrashAt crash = CrashAt.first(CrashPoint.CLOUDCHECK_ANSWERED);

        assertTrue(StackRig.diedIn(() -> InContract.handle(new RecipientsHandler(rig.instance("RecipientsFunction", crash)),
                SampleEvents.load("go-add-recipient.json").pathParameter("goApiReference", goApiReference)
                        .header("idempotency-key", UUID.randomUUID().toString()).event(), context())));
        String added = sandbox.recipientTokens().stream().filter(token -> !token.equals(first)).findFirst().orElseThrow();
        sandbox.completeRecipient(first, VerificationOutcome.PASS);
        sandbox.completeRecipient(added, VerificationOutcome.PASS);
        rig.recover();

        assertInvariants(rig, Map.of("/go/create/", 1, "/go/add-recipient/", 1),
                List.of(goResult(sandbox, first), goResult(sandbox, added)));
        covered(crash, "add-recipient");
    }

    @Test
    void anAkahuInitiateThatDiesAfterCloudcheckAnsweredIsAdoptedFromItsWebhookAndArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        CrashAt crash = CrashAt.first(CrashPoint.CLOUDCHECK_ANSWERED);

        assertTrue(StackRig.diedIn(() -> InContract.handle(new AkahuInitiateHandler(rig.instance("AkahuInitiateFunction", crash)),
                SampleEvents.load("akahu-initiate.json").header("idempotency-key", UUID.randomUUID().toString()).event(), context())));
        String token = sandbox.akahuTokens().iterator().next();
        sandbox.completeAkahu(token, AkahuStatus.PASS);
        rig.recover();

        assertInvariants(rig, Map.of("/akahu/initiate/", 1), List.of(akahuResult(rig, token)));
        covered(crash, "Akahu initiate");
    }

    // --- Callback receipt -------------------------------------------------------------------------------------

    @Test
    void aCallbackWhoseReceiptDiesBeforeRecordingItIsLostAndTheReconcilerStillArchives(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String token = sentRecipient(rig, sandbox);
        CrashAt crash = new CrashAt(CrashPoint.CALLBACK_AUTHENTICATED, 1);

        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks(crash);
        rig.recover();

        assertTrue(crash.crashed());
        assertInvariants(rig, Map.of("/go/create/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "callback receipt");
    }

    @Test
    void aCallbackWhoseReceiptDiesAfterRecordingItIsArchivedFromTheStream(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String token = sentRecipient(rig, sandbox);
        CrashAt crash = new CrashAt(CrashPoint.CALLBACK_RECORDED, 3);

        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks(crash);
        rig.recover();

        assertTrue(crash.crashed(), "the Responded callback's receipt died before answering");
        assertInvariants(rig, Map.of("/go/create/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "callback receipt");
    }

    // --- Archiving --------------------------------------------------------------------------------------------

    @Test
    void archivingDiesAfterTheFinalStatusIsRecorded(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.RESULT_STATUS_RECORDED), 0);
    }

    @Test
    void archivingDiesHoldingItsClaim(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.ARCHIVE_CLAIMED), 0);
    }

    @Test
    void archivingDiesBetweenTheJsonAndThePdf(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.ARCHIVE_JSON_WRITTEN), 0);
    }

    @Test
    void archivingDiesMidwayThroughAMultipartUpload(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.UPLOAD_PART_WRITTEN), MULTIPART_PADDING);
    }

    @Test
    void archivingDiesAfterTheUploadBeforeItsHashIsTagged(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.UPLOAD_COMPLETED_UNTAGGED), MULTIPART_PADDING);
    }

    @Test
    void archivingDiesAfterWritingBeforeMarkingArchived(LocalAws aws, CloudcheckSandbox sandbox) {
        archivingDies(aws, sandbox, CrashAt.first(CrashPoint.ARCHIVE_WRITTEN), 0);
    }

    /** An archive instance dies at the point; the stream's retry and the reconciler finish the work. */
    private void archivingDies(LocalAws aws, CloudcheckSandbox sandbox, CrashAt crash, long pdfPadding) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        sandbox.pdfPaddingBytes(pdfPadding);
        String token = sentRecipient(rig, sandbox);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.relayCallbacks();

        // Every instance passes the point; the first to reach it dies, as only that one would.
        rig.deliverStream(() -> new ArchiveHandler(rig.instance("ArchiveFunction", crash)));
        rig.recover();

        assertTrue(crash.crashed(), "the archive instance died at " + crash.point());
        assertInvariants(rig, Map.of("/go/create/", 1), List.of(goResult(sandbox, token)));
        covered(crash, "archiving");
    }

    // --- Results zip ------------------------------------------------------------------------------------------

    @Test
    void aZipStartThatDiesBeforeCloudchecksJobStartedIsStartedByThePoller(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String goApiReference = respondedRequest(rig, sandbox);
        CrashAt crash = CrashAt.first(CrashPoint.ZIP_JOB_RECORDED);

        assertTrue(StackRig.diedIn(() -> startZip(rig, crash, goApiReference)));
        zipRecovers(rig, sandbox, goApiReference);

        JsonNode again = body(startZip(rig, CrashPoints.NONE, goApiReference));
        assertEquals("GENERATING", again.get("state").asText(), "a new start makes a new job");
        assertEquals(1, again.get("archives").size(), "and the zip archived before stays listed");
        covered(crash, "results zip");
    }

    @Test
    void aZipPollThatDiesAfterWritingTheZipBeforeMarkingItArchivedKeepsOneZip(LocalAws aws, CloudcheckSandbox sandbox) {
        zipPollDies(aws, sandbox, CrashAt.first(CrashPoint.ZIP_WRITTEN), 0);
    }

    @Test
    void aZipPollThatDiesMidwayThroughItsUploadKeepsOneZip(LocalAws aws, CloudcheckSandbox sandbox) {
        zipPollDies(aws, sandbox, CrashAt.first(CrashPoint.UPLOAD_PART_WRITTEN), MULTIPART_PADDING);
    }

    @Test
    void aZipPollThatDiesBeforeTaggingItsUploadKeepsOneZipWithItsHash(LocalAws aws, CloudcheckSandbox sandbox) {
        zipPollDies(aws, sandbox, CrashAt.first(CrashPoint.UPLOAD_COMPLETED_UNTAGGED), MULTIPART_PADDING);
    }

    private void zipPollDies(LocalAws aws, CloudcheckSandbox sandbox, CrashAt crash, long pdfPadding) {
        StackRig rig = new StackRig(aws, sandbox, CLOCK);
        String goApiReference = respondedRequest(rig, sandbox);
        sandbox.pdfPaddingBytes(pdfPadding);
        assertEquals(202, startZip(rig, CrashPoints.NONE, goApiReference).getStatusCode());
        sandbox.advanceClock(Duration.ofMinutes(5));

        rig.reconcile(crash);
        assertTrue(crash.crashed(), "the poller died at " + crash.point());
        zipRecovers(rig, sandbox, goApiReference);
        covered(crash, "results zip");
    }

    private void zipRecovers(StackRig rig, CloudcheckSandbox sandbox, String goApiReference) {
        sandbox.advanceClock(Duration.ofMinutes(5));
        rig.recover();
        JsonNode job = body(InContract.handle(new DownloadsHandler(rig.instance("DownloadsFunction")),
                SampleEvents.load("go-archive-status.json").pathParameter("goApiReference", goApiReference).event(), context()));
        assertEquals("ARCHIVED", job.get("state").asText(), job.toString());
        List<ObjectVersion> zips = versions(rig, "go/" + goApiReference + "/results-");
        assertEquals(1, zips.size(), "exactly one zip object, one version: " + zips);
        String sha256 = sha256(rig, zips.get(0).key());
        assertTrue(served(sandbox, "/go/pdfs/retrieve/", null).contains(sha256), "the zip is one Cloudcheck served");
        assertEquals(sha256, job.get("sha256").asText());
        assertEquals(1, job.get("archives").size());
        assertEquals(List.of(), StateAudit.stranded(rig.aws.dynamoDb(), table(rig.aws)));
    }

    // --- Coverage ---------------------------------------------------------------------------------------------

    @AfterAll
    static void everyCrashPointIsCovered() {
        StringBuilder table = new StringBuilder("Crash points covered:\n");
        for (CrashPoint point : CrashPoint.values()) {
            table.append(String.format("  %-26s %-70s %s%n", point, point.description(),
                    COVERED.getOrDefault(point, List.of("NOT COVERED"))));
        }
        System.out.print(table);
        assertEquals(Set.of(CrashPoint.values()), COVERED.keySet(), table.toString());
    }

    private static synchronized void covered(CrashAt crash, String flow) {
        assertTrue(crash.crashed(), "the flow died at " + crash.point());
        COVERED.computeIfAbsent(crash.point(), point -> new ArrayList<>()).add(flow);
    }

    // --- Invariants -------------------------------------------------------------------------------------------

    /** A final result Cloudcheck holds: where it must be archived, and which served documents it may be. */
    private record FinalResult(ItemKey.ResultKey key, String objectPrefix, String pdfPath, String subject) {
    }

    private static FinalResult goResult(CloudcheckSandbox sandbox, String token) {
        String goApiReference = sandbox.recipient(token).goApiReference();
        return new FinalResult(new ItemKey.Recipient(goApiReference, token), "go/" + goApiReference + "/" + token,
                "/go/pdf/", token);
    }

    private static FinalResult akahuResult(StackRig rig, String token) {
        ItemKey.AkahuSession key = rig.instance("ArchiveFunction").akahuSessions().findByToken(token).orElseThrow().key();
        return new FinalResult(key, "akahu/" + token, "/akahu/pdf/", token);
    }

    private void assertInvariants(StackRig rig, Map<String, Integer> billableCalls, List<FinalResult> results) {
        Map<String, Integer> made = new TreeMap<>();
        for (CallRecord call : rig.sandbox.calls()) {
            if (BILLABLE.contains(call.path())) {
                made.merge(call.path(), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new TreeMap<>(billableCalls);
        made.keySet().forEach(path -> expected.putIfAbsent(path, 0));
        billableCalls.keySet().forEach(path -> made.putIfAbsent(path, 0));
        assertEquals(expected, made, "each billable call reached Cloudcheck as often as the front end made it, never twice");

        for (FinalResult result : results) {
            for (String suffix : List.of(".pdf", ".json")) {
                List<ObjectVersion> versions = versions(rig, result.objectPrefix() + suffix);
                assertEquals(1, versions.size(), result.objectPrefix() + suffix + ": exactly one object, one version");
            }
            String pdfSha256 = sha256(rig, result.objectPrefix() + ".pdf");
            assertTrue(served(rig.sandbox, result.pdfPath(), result.subject()).contains(pdfSha256),
                    "the archived PDF is one Cloudcheck served for " + result.subject());
            ResultItem stored = StateAudit.result(rig.aws.dynamoDb(), table(rig.aws), result.key());
            assertEquals(ArchiveState.ARCHIVED, stored.archive().state(), result.key() + " is recorded as archived");
            assertEquals(pdfSha256, stored.archive().pdfSha256(), "with the hash of the object archived");
        }
        assertEquals(List.of(), StateAudit.stranded(rig.aws.dynamoDb(), table(rig.aws)), "nothing is left that nothing picks up");
    }

    private static Set<String> served(CloudcheckSandbox sandbox, String path, String subject) {
        Set<String> hashes = new HashSet<>();
        sandbox.servedDocuments().stream()
                .filter(document -> document.path().equals(path) && (subject == null || subject.equals(document.subject())))
                .forEach(document -> hashes.add(document.sha256()));
        return hashes;
    }

    private static List<ObjectVersion> versions(StackRig rig, String prefix) {
        return rig.aws.s3().listObjectVersions(r -> r.bucket(rig.aws.physicalName("ArchiveBucket")).prefix(prefix)).versions();
    }

    private static String sha256(StackRig rig, String key) {
        try (ResponseInputStream<GetObjectResponse> in = rig.aws.s3().getObject(r -> r.bucket(rig.aws.physicalName("ArchiveBucket"))
                .key(key))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- Flows ------------------------------------------------------------------------------------------------

    private static APIGatewayV2HTTPResponse create(StackRig rig, CrashPoints crash, String idempotencyKey) {
        return InContract.handle(new CreateHandler(rig.instance("CreateFunction", crash)),
                SampleEvents.load("go-create.json").header("idempotency-key", idempotencyKey).event(), context());
    }

    private static APIGatewayV2HTTPResponse quickSend(StackRig rig, CrashPoints crash) {
        return InContract.handle(new QuickSendHandler(rig.instance("QuickSendFunction", crash)),
                SampleEvents.load("go-quicksend.json").header("idempotency-key", UUID.randomUUID().toString()).event(), context());
    }

    private static void send(StackRig rig, String goApiReference) {
        APIGatewayV2HTTPResponse sent = InContract.handle(new SendHandler(rig.instance("SendFunction")),
                SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", goApiReference).event(), context());
        assertEquals(200, sent.getStatusCode(), sent.getBody());
    }

    private static APIGatewayV2HTTPResponse startZip(StackRig rig, CrashPoints crash, String goApiReference) {
        return InContract.handle(new DownloadsHandler(rig.instance("DownloadsFunction", crash)),
                SampleEvents.load("go-archive-start.json")
                .pathParameter("goApiReference", goApiReference).event(), context());
    }

    /** A created and sent request's only recipient. */
    private static String sentRecipient(StackRig rig, CloudcheckSandbox sandbox) {
        JsonNode created = body(create(rig, CrashPoints.NONE, UUID.randomUUID().toString()));
        send(rig, created.get("goApiReference").asText());
        return onlyToken(sandbox);
    }

    /** A request whose recipient responded and is archived. */
    private static String respondedRequest(StackRig rig, CloudcheckSandbox sandbox) {
        String token = sentRecipient(rig, sandbox);
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        rig.recover();
        return sandbox.recipient(token).goApiReference();
    }

    private static String onlyToken(CloudcheckSandbox sandbox) {
        Set<String> tokens = sandbox.recipientTokens();
        assertEquals(1, tokens.size(), "Cloudcheck holds one recipient: " + tokens);
        return tokens.iterator().next();
    }

    private static List<IntentItem> intentsWithKey(StackRig rig, String idempotencyKey) {
        return StateAudit.intents(rig.aws.dynamoDb(), table(rig.aws)).stream()
                .filter(intent -> idempotencyKey.equals(intent.idempotencyKey())).toList();
    }

    private static String table(LocalAws aws) {
        return aws.physicalName("Table");
    }

    private static FunctionContext context() {
        return new FunctionContext("test");
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
