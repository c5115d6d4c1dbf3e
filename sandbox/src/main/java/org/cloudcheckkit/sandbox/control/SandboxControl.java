package org.cloudcheckkit.sandbox.control;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.akahu.AkahuSnapshot;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.CallRecord;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.RecipientSnapshot;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.sandbox.variant.WireVariant;

/**
 * Everything tests and demos can make the sandbox do, beyond what the Cloudcheck API offers. The HTTP control API
 * under {@code /_sandbox/} maps one to one onto these methods. Unknown tokens throw
 * {@link java.util.NoSuchElementException}, requests the current state refuses {@link IllegalStateException}, bad
 * arguments {@link IllegalArgumentException}.
 */
public interface SandboxControl {

    /** Where the sandbox answers, without a trailing slash, e.g. {@code http://127.0.0.1:8790}. */
    String baseUrl();

    List<ApiCredential> credentials();

    RecipientSnapshot recipient(String recipientToken);

    /** The recipient finishes with this outcome: Opened and Clicked as needed, then Responded, each notified. */
    void completeRecipient(String recipientToken, VerificationOutcome outcome);

    /** Sets any status, notified like a real change. */
    void setRecipientStatus(String recipientToken, RecipientStatus status);

    AkahuSnapshot akahuRequest(String token);

    /** The customer finishes the Akahu journey with this status. */
    void completeAkahu(String token, AkahuStatus status);

    /** Moves the simulation clock (not the request clock) forward and applies what has become due. */
    Instant advanceClock(Duration amount);

    Instant simulationTime();

    Duration clockOffset();

    /** POSTs seed 001's account webhook payload to the configured account webhook URL. */
    void sendAccountWebhook(String requestType, String eventType, String reference);

    /** Null while none is configured. */
    URI accountWebhookUrl();

    /** @param url an http(s) URL, or null to stop sending account webhooks */
    void accountWebhookUrl(URI url);

    /** The next {@code count} calls of the API path get the fault instead of their normal answer. */
    void failNext(String path, int count, ApiFault fault);

    void failNextCallbacks(CallbackFault fault);

    /** The API calls received, oldest first (the latest 10,000). */
    List<CallRecord> calls();

    /** The PDFs and zips served, with the SHA-256 of the bytes sent, oldest first (the latest 10,000). */
    List<org.cloudcheckkit.sandbox.api.ServedDocument> servedDocuments();

    /** Every callback delivery attempt, oldest first (the latest 10,000). */
    List<CallbackDelivery> callbackDeliveries();

    long pdfPaddingBytes();

    /** Blank bytes added to every PDF made from now on, to test large downloads. */
    void pdfPaddingBytes(long bytes);

    Duration pdfJobDelay();

    /** How long pdfs/generate jobs started from now on take, in simulated time. */
    void pdfJobDelay(Duration delay);

    /** The wire variants served now (WIRE.md): other plausible shapes of Cloudcheck's answers. */
    Set<WireVariant> variants();

    /**
     * Serves exactly these wire variants from the next call on; an empty set gives WIRE.md's pinned shapes.
     *
     * @throws IllegalArgumentException when two of them answer the same thing differently
     */
    void variants(Set<WireVariant> variants);

    /**
     * Back to the state just after start: no requests, faults, calls or deliveries, clock offset zero, the configured
     * settings and wire variants.
     */
    void reset();
}
