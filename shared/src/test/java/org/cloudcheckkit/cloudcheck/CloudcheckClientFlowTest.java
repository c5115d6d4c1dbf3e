package org.cloudcheckkit.cloudcheck;

import static org.cloudcheckkit.cloudcheck.SandboxClients.ALL_SERVICES;
import static org.cloudcheckkit.cloudcheck.SandboxClients.SANDBOX;
import static org.cloudcheckkit.cloudcheck.SandboxClients.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReview;
import org.cloudcheckkit.cloudcheck.akahu.AkahuSession;
import org.cloudcheckkit.cloudcheck.akahu.AkahuStatus;
import org.cloudcheckkit.cloudcheck.go.AddRecipient;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.EditRecipient;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.GoResult;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RecipientLink;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.cloudcheck.go.RequestTypes;
import org.cloudcheckkit.cloudcheck.go.ResendRequest;
import org.cloudcheckkit.cloudcheck.go.SendOutcome;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The typed client completes whole Go and Akahu flows against the sandbox, every endpoint on the way. */
class CloudcheckClientFlowTest {
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX_SERVER = CloudcheckSandboxExtension.withDefaults();

    private final SandboxClients clients = new SandboxClients();

    static GoRecipient recipient(String reference, String mobile) {
        return new GoRecipient(reference, new Name("Jane", null, "Citizen"), reference + "@example.nz", mobile, "1990-04-01",
                new Address(null, "12", "Queen Street", "Auckland Central", "Auckland", "1010", null),
                new RequestTypes(true, null, null, null, null));
    }

    static GoRequest request(List<GoRecipient> recipients) {
        return new GoRequest("onboarding-42", null, null, null, "https://app.example.nz/done", null, "Example Ltd",
                "help@example.nz", "Verify your identity", "<p>Please verify.</p>", recipients);
    }

    @Test
    void aWholeGoFlow(CloudcheckSandbox sandbox) throws IOException {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();

        GoCreated created = go.create(request(List.of(recipient("cust-1", "+64211234567"),
                recipient("cust-2", "021 no country code"), recipient("cust-3", "+64219876543"))), seconds(10));
        assertEquals(3, created.recipients().size());
        assertInstanceOf(RecipientOutcome.Accepted.class, created.recipients().get(0));
        RecipientOutcome.Rejected rejected = assertInstanceOf(RecipientOutcome.Rejected.class, created.recipients().get(1));
        assertEquals("INVALID_PHONE_NUMBER", rejected.code());
        String first = created.accepted().get(0).recipientToken();
        String third = created.accepted().get(1).recipientToken();

        SendOutcome sent = go.send(new SendRequest(created.goApiReference(), false, null, null), seconds(10));
        assertEquals(2, sent.emailsSent());

        sandbox.completeRecipient(first, VerificationOutcome.PASS);
        GoResult result = go.result(first, seconds(10));
        assertEquals(RecipientStatus.RESPONDED, result.recipientStatus().orElseThrow());
        assertTrue(result.rawJson().contains("\"verification\""), result.rawJson());

        GoResults results = go.results(created.goApiReference(), seconds(10));
        assertEquals(2, results.recipients().size());

        try (Download pdf = go.pdf(first, seconds(10))) {
            assertEquals("application/pdf", pdf.contentType());
            assertTrue(new String(pdf.stream().readAllBytes(), StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        }

        String job = go.generatePdfs(created.goApiReference(), seconds(10)).token();
        assertInstanceOf(ZipRetrieval.InProgress.class, go.retrievePdfs(job, seconds(10)));
        sandbox.advanceClock(Duration.ofMinutes(5));
        ZipRetrieval.Ready ready = assertInstanceOf(ZipRetrieval.Ready.class, go.retrievePdfs(job, seconds(10)));
        try (Download zip = ready.zip()) {
            assertEquals(1, pdfEntries(zip.stream()));
        }

        sandbox.completeRecipient(third, VerificationOutcome.FAIL);
        ZipRetrieval.Stale stale = assertInstanceOf(ZipRetrieval.Stale.class, go.retrievePdfs(job, seconds(10)));
        assertEquals("Missing or invalid token", stale.message());
    }

    @Test
    void recipientsCanBeAddedEditedResentAndCancelled(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();
        GoCreated created = go.create(request(List.of(recipient("cust-1", "+64211234567"))), seconds(10));
        String reference = created.goApiReference();

        RecipientLink added = go.addRecipient(new AddRecipient(reference, recipient("cust-4", "+64211111111")), seconds(10));
        go.send(new SendRequest(reference, false, null, null), seconds(10));

        RecipientLink edited = go.editRecipient(new EditRecipient(reference, added.recipientToken(),
                recipient("cust-4", "+64212222222")), seconds(10));
        assertNotEquals(added.recipientToken(), edited.recipientToken(), "a new mobile after a send means a new token");

        assertEquals("SUCCESS", go.resend(new ResendRequest(reference, edited.recipientToken()), seconds(10)).result());
        assertEquals(List.of(edited.recipientToken()), go.cancelRecipients(
                new CancelRecipients(reference, List.of(edited.recipientToken())), seconds(10)).cancelled());
        CloudcheckApiException gone = assertThrows(CloudcheckApiException.class,
                () -> go.result(edited.recipientToken(), seconds(10)));
        assertEquals(105, gone.numericCode().getAsInt());
    }

    @Test
    void quickSendMakesAOneRecipientRequest(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();

        RecipientLink sent = go.quickSend(new QuickSendRequest("cust-9", new Name("Aroha", null, "Ngata"), null,
                "+64279876543", false, new RequestTypes(true, null, null, null, null), null, null, null, null, null, null),
                seconds(10));

        assertEquals(RecipientStatus.DELIVERED, go.result(sent.recipientToken(), seconds(10)).recipientStatus().orElseThrow());
    }

    @Test
    void aWholeAkahuFlow(CloudcheckSandbox sandbox) throws IOException {
        AkahuApi akahu = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(ALL_SERVICES)).akahu();

        AkahuSession session = akahu.initiate(new AkahuInitiateRequest("https://app.example.nz/akahu-done", "cust-5",
                null, null, new Name("Jane", null, "Citizen"), null, null), seconds(10));
        assertEquals(AkahuStatus.PENDING, akahu.result(session.token(), seconds(10)).akahuStatus().orElseThrow());

        sandbox.completeAkahu(session.token(), org.cloudcheckkit.sandbox.akahu.AkahuStatus.PASS);
        AkahuResult result = akahu.result(session.token(), seconds(10));
        assertEquals(AkahuStatus.PASS, result.akahuStatus().orElseThrow());
        assertTrue(result.rawJson().contains("akahuDetails"), result.rawJson());

        try (Download pdf = akahu.pdf(session.token(), seconds(10))) {
            assertTrue(new String(pdf.stream().readNBytes(5), StandardCharsets.US_ASCII).startsWith("%PDF-"));
        }
        assertEquals("SUCCESS", akahu.review(new AkahuReview(session.token(), "APPROVED", "matches"), seconds(10)).result());
    }

    @Test
    void aCreateWithNoValidRecipientCarriesEachRecipientsCode(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();

        CloudcheckApiException refused = assertThrows(CloudcheckApiException.class,
                () -> go.create(request(List.of(recipient("cust-1", "0211234567"))), seconds(10)));

        assertEquals(107, refused.numericCode().getAsInt());
        RecipientOutcome.Rejected outcome = assertInstanceOf(RecipientOutcome.Rejected.class, refused.recipients().get(0));
        assertEquals("INVALID_PHONE_NUMBER", outcome.code());
    }

    @Test
    void aMissingResultIs105(CloudcheckSandbox sandbox) {
        GoApi go = clients.client(sandbox.baseUrl(), CredentialsSource.fixed(SANDBOX)).go();

        CloudcheckApiException unknown = assertThrows(CloudcheckApiException.class, () -> go.result("no-such-token", seconds(10)));

        assertEquals(105, unknown.numericCode().getAsInt());
        assertNull(unknown.recipientCode());
    }

    private static int pdfEntries(InputStream zip) throws IOException {
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                assertTrue(new String(in.readNBytes(5), StandardCharsets.US_ASCII).startsWith("%PDF-"), entry.getName());
                entries++;
            }
        }
        return entries;
    }
}
