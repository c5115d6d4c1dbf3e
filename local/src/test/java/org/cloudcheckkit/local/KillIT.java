package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.await;
import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The real kill (issue "Nothing lost, nothing twice"): ./run is killed with {@code kill -9} while Cloudcheck holds a
 * billable create, and while it holds the PDF an archive is fetching. Its moto_server and Cloudcheck are started
 * outside it, so they and what they hold outlive it; ./run is started again with the same settings, and within the
 * archive lease and the reconciler's interval the invariants of the in-process crash-point suite hold again: the
 * create Cloudcheck made is known and its result archived, each final result is archived exactly once (one version of
 * its PDF and JSON, the PDF being bytes Cloudcheck served for it), and no billable call reached Cloudcheck twice.
 *
 * <p>The archive lease is 5 minutes deployed; the test gives ./run {@value #ARCHIVE_LEASE_SECONDS} s through
 * ARCHIVE_LEASE_SECONDS, the variable ./run's own short local lease is set by, rather than move any clock: ./run's
 * functions read the system clock, and the lease a killed worker left is then simply waited out, as in production.
 *
 * <p>Its tests run concurrently, with each other and with the other end-to-end tests (local/pom.xml): each starts
 * its own ./run, moto_server and sandbox on free ports, with its own log directory, and spends most of its time
 * waiting on them.
 */
@Tag("slow")
@Execution(ExecutionMode.CONCURRENT)
class KillIT {

    /** Longer than the held PDF fetch, so that only the kill, not the lease, ends the first worker's claim. */
    private static final int ARCHIVE_LEASE_SECONDS = 15;
    /**
     * How long Cloudcheck holds a call before it processes and answers it: the kill comes in between, a few hundred
     * milliseconds after the call arrives. Shorter than the functions' read timeout (20 s), so it is the kill, not a
     * timeout, that leaves the call without an answer.
     */
    private static final Duration HELD = Duration.ofSeconds(8);
    /**
     * What each step may take: generous, as the machine may be loaded. Measured: the adoption and archive within a
     * second of the callback; the takeover within 3 s of the lease's end (the schedule runs every 2 s).
     */
    private static final Duration WITHIN = Duration.ofSeconds(ARCHIVE_LEASE_SECONDS + 45);
    private static final String CREATE = "/go/create/";
    private static final String PDF = "/go/pdf/";

    @Test
    void aCreateCloudcheckMadeWhileRunWasKilledIsAdoptedFromItsCallbackAfterTheRestartAndItsResultArchivedOnce()
            throws Exception {
        Path directory = logs("mid-create");
        ExecutorService frontEndThread = Executors.newSingleThreadExecutor();
        try (OutsideServices outside = OutsideServices.start()) {
            CloudcheckSandbox cloudcheck = outside.cloudcheck();
            Map<String, String> settings = settings(outside);
            String body = sampleBody("go-create.json");
            String idempotencyKey = UUID.randomUUID().toString();

            try (RunProcess first = RunProcess.start(settings, directory.resolve("first.log"))) {
                cloudcheck.failNext(CREATE, 1, ApiFault.timeout(HELD));
                CompletableFuture<HttpResponse<String>> creating = CompletableFuture.supplyAsync(
                        () -> first.frontEnd().post("/go/requests", body, idempotencyKey), frontEndThread);
                awaitArrival(cloudcheck, CREATE);
                first.kill();

                assertEquals(0, cloudcheck.successfulCalls(CREATE), "killed while Cloudcheck still held the create");
                ExecutionException noAnswer = assertThrows(ExecutionException.class,
                        () -> creating.get(30, TimeUnit.SECONDS), "the front end got no answer");
                assertInstanceOf(UncheckedIOException.class, noAnswer.getCause());
            }
            String token = await("Cloudcheck to process the held create", WITHIN,
                    () -> cloudcheck.recipientTokens().stream().findFirst());
            String goApiReference = cloudcheck.recipient(token).goApiReference();
            assertEquals(1, cloudcheck.successfulCalls(CREATE), "Cloudcheck made (and bills) the request");

            try (RunProcess second = RunProcess.start(settings, directory.resolve("second.log"))) {
                FrontEnd frontEnd = second.frontEnd();
                assertEquals(404, frontEnd.get("/go/requests/" + goApiReference).statusCode(),
                        "its answer was lost: the request is not known yet");
                JsonNode open = openIntent(frontEnd, idempotencyKey).orElseThrow(
                        () -> new AssertionError("the create's intent is listed to its owner: " + frontEnd.get("/intents").body()));
                assertEquals("GO_CREATE", open.path("operation").asText(), open.toString());
                assertEquals(409, frontEnd.post("/go/requests", body, idempotencyKey).statusCode(),
                        "a repeat with the key is not acted on blindly");

                Instant completed = Instant.now();
                cloudcheck.completeRecipient(token, VerificationOutcome.PASS);
                JsonNode recipient = await("the adopted request's recipient to be archived", WITHIN,
                        () -> recipient(frontEnd, goApiReference, token).filter(KillIT::isArchived));
                System.out.println("Archived " + Duration.between(completed, Instant.now()).toMillis()
                        + " ms after the recipient completed: " + recipient);

                assertArchivedOnce(outside, frontEnd, goApiReference, token, recipient);
                JsonNode adopted = openIntent(frontEnd, idempotencyKey).orElseThrow();
                assertEquals("ADOPTED", adopted.path("state").asText(), adopted.toString());
                assertEquals(goApiReference, adopted.path("goApiReference").asText(),
                        "the caller, whose answer was lost, learns what its create made");
                assertEquals(1, cloudcheck.receivedCalls(CREATE), "one /go/create/ reached Cloudcheck in both runs");
                second.stop();
            }
        } finally {
            frontEndThread.shutdownNow();
        }
    }

    @Test
    void anArchiveWhoseRunWasKilledFetchingThePdfIsTakenOverAfterItsLeaseAndArchivedOnce() throws Exception {
        Path directory = logs("mid-archive");
        try (OutsideServices outside = OutsideServices.start()) {
            CloudcheckSandbox cloudcheck = outside.cloudcheck();
            Map<String, String> settings = settings(outside);
            String goApiReference;
            String token;
            Instant leaseUntil;

            try (RunProcess first = RunProcess.start(settings, directory.resolve("first.log"))) {
                FrontEnd frontEnd = first.frontEnd();
                JsonNode created = json(frontEnd.post("/go/requests", sampleBody("go-create.json"),
                        UUID.randomUUID().toString()), 201);
                goApiReference = created.path("goApiReference").asText();
                token = created.path("recipients").get(0).path("recipientToken").asText();
                json(frontEnd.post("/go/requests/" + goApiReference + "/send", "{\"test\": false}"), 200);

                cloudcheck.failNext(PDF, 1, ApiFault.timeout(HELD));
                cloudcheck.completeRecipient(token, VerificationOutcome.PASS);
                awaitArrival(cloudcheck, PDF);
                JsonNode claim = recipient(frontEnd, goApiReference, token).orElseThrow().path("archive");
                first.kill();

                assertEquals(0, cloudcheck.successfulCalls(PDF), "killed while Cloudcheck still held the PDF");
                assertEquals("ARCHIVING", claim.path("state").asText(), "the archive was claimed: " + claim);
                leaseUntil = Instant.parse(claim.path("leaseUntil").asText());
            }

            try (RunProcess second = RunProcess.start(settings, directory.resolve("second.log"))) {
                FrontEnd frontEnd = second.frontEnd();
                JsonNode recipient = await("the claimed archive to be taken over and finished", WITHIN,
                        () -> recipient(frontEnd, goApiReference, token).filter(KillIT::isArchived));
                Instant archivedAt = Instant.parse(recipient.path("archive").path("archivedAt").asText());
                System.out.println("Archived " + Duration.between(leaseUntil, archivedAt).toMillis()
                        + " ms after the killed worker's lease ran out: " + recipient);

                assertTrue(archivedAt.isAfter(leaseUntil), "the killed worker's claim held until its lease ran out");
                assertArchivedOnce(outside, frontEnd, goApiReference, token, recipient);
                assertTrue(cloudcheck.receivedCalls(PDF) >= 2, "the PDF was fetched again after the kill");
                assertEquals(1, cloudcheck.receivedCalls(CREATE), "one /go/create/ reached Cloudcheck in both runs");
                second.stop();
            }
        }
    }

    /** Each run's output, kept where a failure can be read after the build: target/kill-it/{@code test}/. */
    private static Path logs(String test) throws IOException {
        return Files.createDirectories(Path.of("target", "kill-it", test));
    }

    private static Map<String, String> settings(OutsideServices outside) {
        Map<String, String> settings = outside.givenTo(RunProcess.freePorts());
        settings.put("ARCHIVE_LEASE_SECONDS", Integer.toString(ARCHIVE_LEASE_SECONDS));
        return settings;
    }

    /** Until Cloudcheck has the call in hand (held by its TIMEOUT fault, not answered yet). */
    private static void awaitArrival(CloudcheckSandbox cloudcheck, String path) {
        await("the call of " + path + " to reach Cloudcheck", WITHIN,
                () -> cloudcheck.receivedCalls(path) > 0 ? Optional.of(true) : Optional.empty());
    }

    /** The recipient as GET /go/requests/{goApiReference} shows it, once the request is known. */
    private static Optional<JsonNode> recipient(FrontEnd frontEnd, String goApiReference, String token) {
        HttpResponse<String> response = frontEnd.get("/go/requests/" + goApiReference);
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        return StreamSupport.stream(Json.parse(response.body()).path("recipients").spliterator(), false)
                .filter(recipient -> token.equals(recipient.path("recipientToken").asText()))
                .findFirst();
    }

    private static boolean isArchived(JsonNode recipient) {
        return "ARCHIVED".equals(recipient.path("archive").path("state").asText());
    }

    /** The caller's intent made with this Idempotency-Key, as GET /intents lists it. */
    private static Optional<JsonNode> openIntent(FrontEnd frontEnd, String idempotencyKey) {
        return StreamSupport.stream(json(frontEnd.get("/intents"), 200).path("intents").spliterator(), false)
                .filter(intent -> idempotencyKey.equals(intent.path("idempotencyKey").asText()))
                .findFirst();
    }

    /**
     * One version each of the result's PDF and JSON in the bucket; the PDF, as stored, as the table records it and as
     * its download link gives it, is bytes Cloudcheck served for this recipient.
     */
    private static void assertArchivedOnce(OutsideServices outside, FrontEnd frontEnd, String goApiReference, String token,
                                           JsonNode recipient) {
        String prefix = "go/" + goApiReference + "/" + token;
        String pdfSha256;
        try (S3Client s3 = outside.aws().newS3Client()) {
            String bucket = archiveBucket(s3);
            for (String key : List.of(prefix + ".pdf", prefix + ".json")) {
                List<ObjectVersion> versions = s3.listObjectVersions(request -> request.bucket(bucket).prefix(key)).versions()
                        .stream().filter(version -> version.key().equals(key)).toList();
                assertEquals(1, versions.size(), key + ": exactly one object, one version: " + versions);
            }
            pdfSha256 = Archive.sha256(s3.getObjectAsBytes(request -> request.bucket(bucket).key(prefix + ".pdf")).asByteArray());
        }
        Set<String> served = outside.cloudcheck().servedDocuments().stream()
                .filter(document -> document.path().equals(PDF) && token.equals(document.subject()))
                .map(ServedDocument::sha256).collect(Collectors.toSet());
        assertTrue(served.contains(pdfSha256), "the archived PDF is one Cloudcheck served for " + token + ": " + served);
        assertEquals(pdfSha256, recipient.path("archive").path("pdfSha256").asText(), "the table records its hash");
        JsonNode link = json(frontEnd.get("/go/recipients/" + token + "/pdf"), 200);
        assertEquals(pdfSha256, Archive.sha256(frontEnd.download(link.path("url").asText())), "and its link downloads it");
    }

    /** The template's one bucket, as ./run named it in the emulator it was given. */
    private static String archiveBucket(S3Client s3) {
        List<String> buckets = s3.listBuckets().buckets().stream().map(Bucket::name)
                .filter(name -> name.contains(Archive.BUCKET.toLowerCase(Locale.ROOT))).toList();
        assertEquals(1, buckets.size(), "one archive bucket: " + buckets);
        return buckets.get(0);
    }
}
