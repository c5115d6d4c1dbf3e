package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.sandbox.api.CallRecord;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Injected API faults: each kind, counted per path, in the order asked for. */
class ApiFaultTest {

    private static final String CREATE = "/go/create/";

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private ApiClient client;

    @BeforeEach
    void connect() {
        client = ApiClient.forDefaultKey(sandbox.sandbox());
    }

    @Test
    void http500FailsTheNextCallsWithoutProcessingThem() {
        sandbox.sandbox().failNext(CREATE, 2, ApiFault.of(ApiFault.Kind.HTTP_500));

        ApiResponse first = create();
        ApiResponse second = create();
        ApiResponse third = create();
        ApiResponse otherPath = client.get("/go/results/", "goApiReference", "x");

        assertEquals(500, first.status());
        assertTrue(first.contentType().startsWith("text/html"));
        assertEquals(500, second.status());
        assertEquals(200, third.status());
        assertEquals(105, otherPath.error());
        assertEquals(1, sandbox.sandbox().successfulCalls(CREATE));
        List<CallRecord> calls = sandbox.sandbox().calls();
        assertEquals("HTTP_500", calls.get(0).fault());
        assertEquals(SandboxConfig.DEFAULT_KEY, calls.get(0).key());
        assertEquals(0, calls.get(2).error());
    }

    @ParameterizedTest
    @CsvSource({"ERROR_111, 111", "ERROR_112, 112", "ERROR_113, 113"})
    void cloudcheckErrorsAnswerWithTheirCode(ApiFault.Kind kind, int error) {
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.of(kind));

        ApiResponse response = create();

        assertEquals(500, response.status());
        assertEquals(error, response.error());
        assertEquals(0, sandbox.sandbox().successfulCalls(CREATE));
    }

    @Test
    void aTimeoutAnswersLateButStillProcessesTheCall() throws InterruptedException {
        // Warm up first: on a cold JVM the request might not even leave within the client's timeout.
        create();
        sandbox.sandbox().reset();
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.timeout(Duration.ofSeconds(1)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CREATE))
                .timeout(Duration.ofMillis(300))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.form(client.signed(CREATE, client.parameters(
                        "data", TestData.createRequest(TestData.recipient("a")).toString())))))
                .build();

        assertThrows(HttpTimeoutException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sandbox.sandbox().successfulCalls(CREATE) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, sandbox.sandbox().successfulCalls(CREATE));
        assertEquals("TIMEOUT", sandbox.sandbox().calls().get(0).fault());
    }

    @Test
    void aCallATimeoutHoldsCountsAsReceivedBeforeItIsAnswered() throws InterruptedException {
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.timeout(Duration.ofSeconds(3)));
        Thread held = new Thread(this::create);
        held.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sandbox.sandbox().receivedCalls(CREATE) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertEquals(1, sandbox.sandbox().receivedCalls(CREATE));
        assertEquals(0, sandbox.sandbox().successfulCalls(CREATE), "held, not processed yet");
        assertEquals(List.of(), sandbox.sandbox().calls(), "listed once answered");
        held.join(Duration.ofSeconds(30).toMillis());
        assertEquals(1, sandbox.sandbox().successfulCalls(CREATE), "then answered");
        assertEquals(1, sandbox.sandbox().receivedCalls(CREATE), "and counted once");
    }

    @Test
    void aDroppedConnectionGetsNoAnswer() {
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.of(ApiFault.Kind.DROP_CONNECTION));

        UncheckedIOException dropped = assertThrows(UncheckedIOException.class, this::create);

        assertTrue(dropped.getCause() instanceof IOException);
        assertEquals(0, sandbox.sandbox().calls().get(0).httpStatus());
        assertEquals(200, create().status());
    }

    @Test
    void aDocumentEndpointCanAnswerJsonInsteadOfAPdf() {
        String token = create().json().path("recipients").path(0).path("recipientToken").asText();
        sandbox.sandbox().completeRecipient(token, VerificationOutcome.PASS);
        sandbox.sandbox().failNext("/go/pdf/", 1, ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY));

        ApiResponse json = client.get("/go/pdf/", "token", token);
        ApiResponse pdf = client.get("/go/pdf/", "token", token);

        assertEquals(200, json.status());
        assertEquals(111, json.error());
        assertEquals("application/pdf", pdf.contentType());
        assertThrows(IllegalArgumentException.class, () -> sandbox.sandbox().failNext(CREATE, 1,
                ApiFault.of(ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY)));
    }

    @Test
    void faultsForOnePathComeInTheOrderTheyWereAdded() {
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.of(ApiFault.Kind.ERROR_112));
        sandbox.sandbox().failNext(CREATE, 1, ApiFault.of(ApiFault.Kind.ERROR_111));

        assertEquals(112, create().error());
        assertEquals(111, create().error());
        assertEquals(200, create().status());
    }

    @Test
    void faultsNeedAKnownPathAndAPositiveCount() {
        ApiFault fault = ApiFault.of(ApiFault.Kind.HTTP_500);

        assertThrows(IllegalArgumentException.class, () -> sandbox.sandbox().failNext("/go/create", 1, fault));
        assertThrows(IllegalArgumentException.class, () -> sandbox.sandbox().failNext(CREATE, 0, fault));
    }

    private ApiResponse create() {
        return new ApiClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_KEY, SandboxConfig.DEFAULT_SECRET)
                .post(CREATE, TestData.createRequest(TestData.recipient("a")));
    }
}
