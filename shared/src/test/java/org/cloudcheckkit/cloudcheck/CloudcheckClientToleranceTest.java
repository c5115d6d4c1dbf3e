package org.cloudcheckkit.cloudcheck;

import static org.cloudcheckkit.cloudcheck.SandboxClients.SANDBOX;
import static org.cloudcheckkit.cloudcheck.SandboxClients.seconds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoResult;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client reads only what seeds 000-002 promise and derives the rest, so an answer shaped differently from the
 * sandbox's - a field left out, another name, another content type - is read rather than refused. Each answer here is
 * exact bytes served over HTTP by {@link CannedCloudcheck}, because the sandbox serves one shape only.
 */
class CloudcheckClientToleranceTest {
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private final CannedCloudcheck cloudcheck = new CannedCloudcheck();
    private final SandboxClients clients = new SandboxClients();
    private final CloudcheckClient client = clients.client(cloudcheck.baseUrl(), CredentialsSource.fixed(SANDBOX));

    @AfterEach
    void stop() {
        cloudcheck.close();
    }

    // Seed 000 describes no status field in /go/result/ (only /go/results/ lists statuses).
    @Test
    void aGoResultWithoutAStatusIsReadWithItsStatusAbsentAndItsBodyKeptWhole() {
        String body = "{\"recipientToken\":\"t1\",\"verification\":{\"outcome\":\"PASS\"},\"somethingNew\":[1,2]}";
        cloudcheck.json("/go/result/", 200, body);

        GoResult result = client.go().result("t1", seconds(10));

        assertNull(result.status());
        assertTrue(result.recipientStatus().isEmpty());
        assertEquals(body, result.rawJson());
        assertEquals(List.of(), result.sectionErrors());
    }

    @Test
    void aGoResultThatDoesNotEchoItsTokenCarriesTheTokenItWasAskedFor() {
        cloudcheck.json("/go/result/", 200, "{\"status\":\"Responded\"}");

        assertEquals("t1", client.go().result("t1", seconds(10)).recipientToken());
    }

    // Seed 001: an error can come one level down. In a result, one section's error is not the whole answer's.
    @Test
    void anErrorInOneSectionOfAGoResultIsKeptWithTheResultInsteadOfFailingIt() {
        String body = "{\"recipientToken\":\"t1\",\"status\":\"Responded\",\"verification\":{\"outcome\":\"PASS\"},"
                + "\"live\":{\"error\":111,\"message\":\"The query failed for an unspecified reason.\"}}";
        cloudcheck.json("/go/result/", 200, body);

        GoResult result = client.go().result("t1", seconds(10));

        assertEquals("Responded", result.status());
        assertEquals(List.of(new SectionError("live", "111", "The query failed for an unspecified reason.")),
                result.sectionErrors());
        assertEquals(body, result.rawJson(), "the section's error stays in what is archived");
        assertEquals(List.of(), clients.waits, "a kept section error is not retried");
    }

    @Test
    void anErrorInOneSectionOfAnAkahuResultIsKeptWithTheResult() {
        cloudcheck.json("/akahu/result/", 200, "{\"token\":\"a1\",\"status\":\"Pass\",\"validated\":{\"name\":true},"
                + "\"akahuDetails\":{\"error\":\"113\",\"message\":\"The operation could not be performed.\"}}");

        AkahuResult result = client.akahu().result("a1", seconds(10));

        assertEquals("Pass", result.status());
        assertEquals(List.of(new SectionError("akahuDetails", "113", "The operation could not be performed.")),
                result.sectionErrors());
    }

    @Test
    void anErrorOneLevelDownWithNothingElseBesideItIsStillTheAnswersError() {
        cloudcheck.json("/go/result/", 404, "{\"recipientToken\":\"t1\",\"verification\":{\"error\":105,"
                + "\"message\":\"The supplied verification token is not associated with a verification request.\"}}");

        CloudcheckApiException unknown = assertThrows(CloudcheckApiException.class, () -> client.go().result("t1", seconds(10)));

        assertEquals(105, unknown.numericCode().getAsInt());
    }

    // Seed 000 promises only the goApiReference in a create's answer.
    @Test
    void aCreateAnswerWithoutTokensIsReadAndSaysTheTokensMustBeFetched() {
        cloudcheck.json("/go/create/", 200, "{\"goApiReference\":\"g1\",\"recipients\":[{\"reference\":\"cust-1\","
                + "\"status\":\"Not Sent\"},{\"reference\":\"cust-2\",\"error\":\"INVALID_ADDRESS\",\"message\":\"Invalid address\"}]}");

        GoCreated created = client.go().create(CloudcheckClientFlowTest.request(List.of(
                CloudcheckClientFlowTest.recipient("cust-1", null), CloudcheckClientFlowTest.recipient("cust-2", null))),
                seconds(10));

        RecipientOutcome.Accepted accepted = assertInstanceOf(RecipientOutcome.Accepted.class, created.recipients().get(0));
        assertEquals("cust-1", accepted.reference());
        assertEquals("Not Sent", accepted.status());
        assertTrue(accepted.token().isEmpty());
        assertInstanceOf(RecipientOutcome.Rejected.class, created.recipients().get(1));
        assertFalse(created.tokensListed());
    }

    @Test
    void aCreateAnswerWithOnlyItsReferenceIsReadAndSaysTheTokensMustBeFetched() {
        cloudcheck.json("/go/create/", 200, "{\"goApiReference\":\"g1\"}");

        GoCreated created = client.go().create(CloudcheckClientFlowTest.request(List.of(
                CloudcheckClientFlowTest.recipient("cust-1", null))), seconds(10));

        assertEquals("g1", created.goApiReference());
        assertEquals(List.of(), created.recipients());
        assertFalse(created.tokensListed());
    }

    @Test
    void aCancelAnswerThatListsNothingMeansTheTokensAskedFor() {
        cloudcheck.json("/go/cancel-recipient/", 200, "{\"result\":\"SUCCESS\"}");

        assertEquals(List.of("t1", "t2"), client.go().cancelRecipients(new CancelRecipients("g1", List.of("t1", "t2")),
                seconds(10)).cancelled());
    }

    // Seed 002 calls it "a link"; the sandbox names it "url".
    @Test
    void theAkahuCustomerLinkIsReadFromUrlOrLink() {
        cloudcheck.json("/akahu/initiate/", 200, "{\"token\":\"a1\",\"link\":\"https://go.akahu.example/s/1\"}");

        assertEquals("https://go.akahu.example/s/1", client.akahu().initiate(initiate(), seconds(10)).url());
    }

    @Test
    void anAkahuAnswerWithNoLinkIsAProtocolErrorNotASilentNull() {
        cloudcheck.json("/akahu/initiate/", 200, "{\"token\":\"a1\"}");

        CloudcheckProtocolException unreadable = assertThrows(CloudcheckProtocolException.class,
                () -> client.akahu().initiate(initiate(), seconds(10)));

        assertTrue(unreadable.getMessage().contains("'url' nor 'link'"), unreadable.getMessage());
    }

    @Test
    void aPdfIsRecognisedByItsBytesWhateverContentTypeItCarries() throws IOException {
        for (String contentType : new String[] {"application/octet-stream", "text/html; charset=utf-8", null}) {
            cloudcheck.answer("/go/pdf/", 200, contentType, PDF);

            try (Download pdf = client.go().pdf("t1", seconds(10))) {
                assertEquals("application/pdf", pdf.contentType(), String.valueOf(contentType));
                assertEquals(contentType, pdf.declaredContentType());
                assertArrayEquals(PDF, pdf.stream().readAllBytes());
            }
        }
    }

    @Test
    void aZipIsRecognisedByItsBytesWhateverContentTypeItCarries() throws IOException {
        byte[] zip = zipOf("cust-1-t1.pdf", PDF);
        cloudcheck.answer("/go/pdfs/retrieve/", 200, "application/x-zip-compressed", zip);

        ZipRetrieval.Ready ready = assertInstanceOf(ZipRetrieval.Ready.class, client.go().retrievePdfs("job", seconds(10)));

        try (Download download = ready.zip()) {
            assertEquals("application/zip", download.contentType());
            assertArrayEquals(zip, download.stream().readAllBytes());
        }
    }

    @Test
    void aJsonErrorIsRecognisedByParsingItWhateverContentTypeItCarries() {
        cloudcheck.answer("/akahu/pdf/", 200, "text/html",
                "{\"error\":110,\"message\":\"The query did not return any results.\"}".getBytes(StandardCharsets.UTF_8));

        CloudcheckApiException error = assertThrows(CloudcheckApiException.class, () -> client.akahu().pdf("a1", seconds(10)));

        assertEquals(110, error.numericCode().getAsInt());
    }

    @Test
    void aBodyThatIsNeitherTheDocumentNorJsonIsAProtocolError() {
        cloudcheck.answer("/go/pdf/", 200, "application/pdf", "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));

        CloudcheckProtocolException unreadable = assertThrows(CloudcheckProtocolException.class,
                () -> client.go().pdf("t1", seconds(10)));

        assertTrue(unreadable.getMessage().contains("neither"), unreadable.getMessage());
    }

    @Test
    void aZipWhereAPdfWasAskedForIsNotTakenForThePdf() {
        cloudcheck.answer("/go/pdf/", 200, "application/pdf", zipOf("x.pdf", PDF));

        assertThrows(CloudcheckProtocolException.class, () -> client.go().pdf("t1", seconds(10)));
    }

    // Seed 000 names the stale zip by its message only: "a 'Missing or invalid token' error".
    @Test
    void aStaleZipIsRecognisedByItsMessageWhateverItsCodeOrNone() {
        Map<String, Integer> answers = new LinkedHashMap<>();
        answers.put("{\"error\":102,\"message\":\"Missing or invalid token\",\"fields\":\"token\"}", 400);
        answers.put("{\"message\":\"Missing or invalid token\"}", 200);
        answers.put("{\"error\":\"Missing or invalid token\"}", 400);
        answers.put("{\"error\":105,\"message\":\"The supplied verification token is not associated with a request.\"}", 404);
        answers.forEach((body, status) -> {
            cloudcheck.json("/go/pdfs/retrieve/", status, body);

            assertInstanceOf(ZipRetrieval.Stale.class, client.go().retrievePdfs("job", seconds(10)), body);
        });
    }

    @Test
    void aMissingOrInvalidTokenMessageAnsweredWith200IsStillAnError() {
        cloudcheck.json("/go/result/", 200, "{\"message\":\"Missing or invalid token\"}");

        CloudcheckApiException error = assertThrows(CloudcheckApiException.class, () -> client.go().result("t1", seconds(10)));

        assertTrue(error.isMissingOrInvalidToken());
    }

    private static AkahuInitiateRequest initiate() {
        return new AkahuInitiateRequest("https://app.example.nz/back", "cust-1", null, null, null, null, null);
    }

    private static byte[] zipOf(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
