package org.cloudcheckkit.cloudcheck;

import static org.cloudcheckkit.cloudcheck.SandboxClients.SANDBOX;
import static org.cloudcheckkit.cloudcheck.SandboxClients.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.retry.RetryPolicy;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.signing.ApiCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is retried and what never is: a call that is safe to repeat is retried on 5xx, 111-113, a dropped connection
 * or a timeout, each attempt freshly signed; a call that bills or messages (create, quicksend, ...) is retried only
 * when it provably never left, and otherwise reports that its outcome is unknown.
 */
class CloudcheckClientRetryTest {
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX_SERVER = CloudcheckSandboxExtension.withDefaults();

    private final SandboxClients clients = new SandboxClients();

    @Test
    void aSafeCallIsRetriedThroughServerErrorsEachTimeFreshlySigned(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        String token = respondedRecipient(sandbox, go);
        sandbox.failNext("/go/result/", 3, ApiFault.of(ApiFault.Kind.HTTP_500));

        assertEquals("Responded", go.result(token, seconds(10)).status());

        assertEquals(3, clients.waits.size(), "backed off before each of the three retries");
        // A reused nonce would have been refused with 104; every attempt reached the sandbox's fault or the answer.
        assertEquals(0, sandbox.calls().stream().filter(call -> call.error() == 104).count());
    }

    @Test
    void errors111To113AndDroppedConnectionsAreRetriedOnSafeCalls(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        String token = respondedRecipient(sandbox, go);
        sandbox.failNext("/go/result/", 1, ApiFault.of(ApiFault.Kind.ERROR_111));
        sandbox.failNext("/go/results/", 1, ApiFault.of(ApiFault.Kind.ERROR_113));
        sandbox.failNext("/go/pdf/", 2, ApiFault.of(ApiFault.Kind.DROP_CONNECTION));

        assertEquals("Responded", go.result(token, seconds(10)).status());
        assertEquals(1, go.results(sandbox.recipient(token).goApiReference(), seconds(10)).recipients().size());
        try (Download pdf = go.pdf(token, seconds(10))) {
            assertEquals("application/pdf", pdf.contentType());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aJsonErrorWhereAPdfWasExpectedIsRetriedThenThePdfArrives(CloudcheckSandbox sandbox) throws IOException {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        String token = respondedRecipient(sandbox, go);
        sandbox.failNext("/go/pdf/", 2, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));

        try (Download pdf = go.pdf(token, seconds(10))) {
            assertTrue(new String(pdf.stream().readNBytes(5)).startsWith("%PDF-"));
        }
        assertEquals(2, clients.waits.size());
    }

    @Test
    void aCreateThatReachedCloudcheckIsNeverRepeated(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.HTTP_500));

        assertThrows(CloudcheckOutcomeUnknownException.class, () -> go.create(oneRecipient(), seconds(10)));

        assertEquals(1, createCalls(sandbox));
        assertTrue(clients.waits.isEmpty());
    }

    @Test
    void aCreateWhoseAnswerTimedOutIsUnknownNotRepeated(CloudcheckSandbox sandbox) {
        ClientSettings quick = ClientSettings.defaults(URI.create(sandbox.baseUrl()))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700));
        GoApi go = clients.client(quick, CredentialsSource.fixed(SANDBOX)).go();
        sandbox.failNext("/go/create/", 1, ApiFault.timeout(Duration.ofMillis(1500)));

        assertThrows(CloudcheckOutcomeUnknownException.class, () -> go.create(oneRecipient(), seconds(10)));

        awaitCreateCalls(sandbox, 1);
        assertEquals(1, createCalls(sandbox), "one create reached the sandbox, which went on to carry it out");
    }

    /** The JDK would quietly send a buffered POST again after a dropped connection; PostRetryGuard stops it. */
    @Test
    void aCreateWhoseConnectionDroppedIsSentOnce(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        sandbox.failNext("/go/create/", 2, ApiFault.of(ApiFault.Kind.DROP_CONNECTION));

        assertThrows(CloudcheckOutcomeUnknownException.class, () -> go.create(oneRecipient(), seconds(10)));

        assertEquals(1, createCalls(sandbox));
        assertTrue(PostRetryGuard.installed());
    }

    @Test
    void error111OnACreateIsReportedNotRepeated(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.ERROR_111));

        CloudcheckApiException refused = assertThrows(CloudcheckApiException.class, () -> go.create(oneRecipient(), seconds(10)));

        assertTrue(refused.isTransient());
        assertEquals(1, createCalls(sandbox));
    }

    @Test
    void aCreateThatCouldNotConnectIsRetriedBecauseItNeverLeft() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        GoApi go = clients.client("http://127.0.0.1:" + closedPort, CredentialsSource.fixed(SANDBOX)).go();

        CloudcheckUnavailableException unavailable = assertThrows(CloudcheckUnavailableException.class,
                () -> go.create(oneRecipient(), seconds(10)));

        assertEquals(3, clients.waits.size(), "four attempts, three backoffs");
        assertTrue(unavailable.getMessage().contains("/go/create/"));
    }

    @Test
    void theDeadlineBoundsRetries(CloudcheckSandbox sandbox) {
        ClientSettings patient = ClientSettings.defaults(URI.create(sandbox.baseUrl()))
                .withRetries(new RetryPolicy(50, Duration.ofMillis(100), Duration.ofMillis(100)));
        CloudcheckClient client = new CloudcheckClient(patient,
                new org.cloudcheckkit.signing.RequestSigner(Clock.systemUTC(), org.cloudcheckkit.signing.NonceSource.secureRandom()),
                CredentialsSource.fixed(SANDBOX), new java.util.SplittableRandom(1), Sleeper.threadSleep(),
                org.cloudcheckkit.metrics.Metrics.NONE);
        sandbox.failNext("/go/results/", 1000, ApiFault.of(ApiFault.Kind.HTTP_500));

        long started = System.nanoTime();
        assertThrows(CloudcheckUnavailableException.class,
                () -> client.go().results("g1", Deadline.after(Duration.ofMillis(1200), Clock.systemUTC())));

        assertTrue((System.nanoTime() - started) / 1_000_000 < 2_000, "gave up at the deadline");
    }

    @Test
    void aRejectedSignatureRefreshesTheSecretOnceAndSucceeds(CloudcheckSandbox sandbox) {
        SandboxClients.RotatedCredentials rotated = new SandboxClients.RotatedCredentials(
                new ApiCredentials("sandbox-key", "the-secret-before-rotation"), SANDBOX);
        GoApi go = clients.client(sandbox.baseUrl(), rotated).go();

        GoCreated created = go.create(oneRecipient(), seconds(10));

        assertEquals(1, rotated.refreshes);
        assertEquals(1, created.accepted().size());
        assertEquals(1, createCalls(sandbox), "the refused attempt did nothing; the second created the request");
    }

    @Test
    void aSecretThatStaysWrongIsRefreshedOnlyOnce(CloudcheckSandbox sandbox) {
        ApiCredentials wrong = new ApiCredentials("sandbox-key", "wrong-secret");
        SandboxClients.RotatedCredentials rotated = new SandboxClients.RotatedCredentials(wrong, wrong);
        GoApi go = clients.client(sandbox.baseUrl(), rotated).go();

        CloudcheckApiException refused = assertThrows(CloudcheckApiException.class, () -> go.results("g1", seconds(10)));

        assertEquals(106, refused.numericCode().getAsInt());
        assertEquals(1, rotated.refreshes);
    }

    @Test
    void anUnknownKeyIs101(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(),
                CredentialsSource.fixed(new ApiCredentials("no-such-key", "s"))).go();

        assertEquals(101, assertThrows(CloudcheckApiException.class, () -> go.results("g1", seconds(10)))
                .numericCode().getAsInt());
    }

    private String respondedRecipient(CloudcheckSandbox sandbox, GoApi go) {
        GoCreated created = go.create(oneRecipient(), seconds(10));
        String token = created.accepted().get(0).recipientToken();
        sandbox.completeRecipient(token, VerificationOutcome.PASS);
        clients.waits.clear();
        return token;
    }

    private static GoRequest oneRecipient() {
        return CloudcheckClientFlowTest.request(List.of(CloudcheckClientFlowTest.recipient("cust-1", "+64211234567")));
    }

    /** /go/create/ calls the sandbox received with a valid signature, whatever it then did with them. */
    private static long createCalls(CloudcheckSandbox sandbox) {
        return sandbox.calls().stream()
                .filter(call -> call.path().equals("/go/create/") && call.error() != 106)
                .count();
    }

    private static void awaitCreateCalls(CloudcheckSandbox sandbox, long expected) {
        long until = System.currentTimeMillis() + 5_000;
        while (createCalls(sandbox) < expected && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
