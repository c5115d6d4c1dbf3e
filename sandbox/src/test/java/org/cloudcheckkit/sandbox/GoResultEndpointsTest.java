package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading Go results: JSON, single PDFs, and the asynchronous zip of PDFs. */
class GoResultEndpointsTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private ApiClient client;
    private String goApiReference;
    private List<String> tokens;

    @BeforeEach
    void createRequest() {
        client = ApiClient.forAllServicesKey(sandbox.sandbox());
        ObjectNode withLive = TestData.recipient("cust-2");
        withLive.withObjectProperty("requestType").put("live", true);
        ObjectNode noReference = TestData.recipient("x");
        noReference.remove("reference");
        JsonNode created = client.postOk("/go/create/", TestData.createRequest(
                TestData.recipient("cust/1"), withLive, noReference));
        goApiReference = created.path("goApiReference").asText();
        tokens = new ArrayList<>();
        created.path("recipients").forEach(outcome -> tokens.add(outcome.path("recipientToken").asText()));
    }

    @Test
    void resultCarriesAVerificationSectionThatFillsInOnResponse() {
        JsonNode pending = client.getOk("/go/result/", "token", tokens.get(1));
        sandbox.sandbox().completeRecipient(tokens.get(1), VerificationOutcome.REFER);
        JsonNode responded = client.getOk("/go/result/", "token", tokens.get(1));

        assertEquals("PENDING", pending.path("verification").path("outcome").asText());
        assertEquals("PENDING", pending.path("live").path("outcome").asText());
        assertFalse(pending.has("idscan"));
        assertEquals(goApiReference, responded.path("goApiReference").asText());
        assertEquals("cust-2", responded.path("reference").asText());
        assertEquals("Responded", responded.path("status").asText());
        JsonNode verification = responded.path("verification");
        assertEquals("REFER", verification.path("outcome").asText());
        assertTrue(verification.path("matches").path("name").asBoolean());
        assertFalse(verification.path("matches").path("address").asBoolean());
        assertTrue(verification.has("checkedAt"));
        assertEquals("REFER", responded.path("live").path("outcome").asText());
    }

    @Test
    void pdfIsAvailableOnceTheRecipientHasFinished() {
        ApiResponse early = client.get("/go/pdf/", "token", tokens.get(0));
        sandbox.sandbox().completeRecipient(tokens.get(0), VerificationOutcome.PASS);
        sandbox.sandbox().setRecipientStatus(tokens.get(2), RecipientStatus.EXPIRED);
        ApiResponse pdf = client.get("/go/pdf/", "token", tokens.get(0));
        ApiResponse expired = client.get("/go/pdf/", "token", tokens.get(2));

        assertEquals(404, early.status());
        assertEquals(110, early.error());
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.contentType());
        List<String> text = PdfStructure.check(pdf.body()).shownText();
        assertTrue(text.contains("Reference: cust/1"), text::toString);
        assertTrue(text.contains("Recipient token: " + tokens.get(0)), text::toString);
        assertTrue(text.contains("Outcome: PASS"), text::toString);
        assertTrue(PdfStructure.check(expired.body()).shownText().contains("Outcome: INCOMPLETE"));
    }

    @Test
    void generatedZipHoldsOnePdfPerRespondedRecipient() throws IOException {
        ApiResponse nothingYet = client.get("/go/pdfs/generate/", "goApiReference", goApiReference);
        sandbox.sandbox().completeRecipient(tokens.get(0), VerificationOutcome.PASS);
        sandbox.sandbox().completeRecipient(tokens.get(2), VerificationOutcome.FAIL);
        String job = client.getOk("/go/pdfs/generate/", "goApiReference", goApiReference).path("token").asText();

        JsonNode inProgress = client.getOk("/go/pdfs/retrieve/", "token", job);
        sandbox.sandbox().advanceClock(Duration.ofSeconds(1));
        JsonNode halfway = client.getOk("/go/pdfs/retrieve/", "token", job);
        sandbox.sandbox().advanceClock(Duration.ofSeconds(1));
        ApiResponse zip = client.get("/go/pdfs/retrieve/", "token", job);
        ApiResponse again = client.get("/go/pdfs/retrieve/", "token", job);

        assertEquals(110, nothingYet.error());
        assertEquals("IN_PROGRESS", inProgress.path("status").asText());
        assertEquals(0, inProgress.path("complete").asInt());
        assertEquals(2, inProgress.path("total").asInt());
        assertEquals(1, halfway.path("complete").asInt());
        assertEquals("application/zip", zip.contentType());
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
                PdfStructure.check(entries.readAllBytes());
            }
        }
        assertEquals(List.of("cust_1-" + tokens.get(0) + ".pdf", tokens.get(2) + "-" + tokens.get(2) + ".pdf"), names);
        assertArrayEquals(zip.body(), again.body());
    }

    @Test
    void aNewResponseInvalidatesTheGeneratedZip() {
        sandbox.sandbox().completeRecipient(tokens.get(0), VerificationOutcome.PASS);
        String job = client.getOk("/go/pdfs/generate/", "goApiReference", goApiReference).path("token").asText();
        sandbox.sandbox().advanceClock(Duration.ofSeconds(5));
        assertEquals("application/zip", client.get("/go/pdfs/retrieve/", "token", job).contentType());

        sandbox.sandbox().completeRecipient(tokens.get(1), VerificationOutcome.PASS);
        ApiResponse stale = client.get("/go/pdfs/retrieve/", "token", job);
        String newJob = client.getOk("/go/pdfs/generate/", "goApiReference", goApiReference).path("token").asText();

        assertEquals(105, stale.error());
        assertEquals("Missing or invalid token", stale.json().path("message").asText());
        assertEquals("IN_PROGRESS", client.getOk("/go/pdfs/retrieve/", "token", newJob).path("status").asText());
        assertEquals(105, ApiClient.forDefaultKey(sandbox.sandbox()).get("/go/pdfs/retrieve/", "token", newJob).error());
    }

    @Test
    void resultsListEveryRecipientWithStatusAndLink() {
        sandbox.sandbox().setRecipientStatus(tokens.get(1), RecipientStatus.BOUNCED);

        JsonNode results = client.getOk("/go/results/", "goApiReference", goApiReference);

        assertEquals("onboarding-42", results.path("reference").asText());
        JsonNode bounced = results.path("recipients").path(1);
        assertEquals(tokens.get(1), bounced.path("recipientToken").asText());
        assertEquals("Bounced", bounced.path("status").asText());
        assertEquals(sandbox.baseUrl() + "/_sandbox/journey/go/" + tokens.get(1), bounced.path("link").asText());
        assertFalse(results.path("recipients").path(2).has("reference"));
    }
}
