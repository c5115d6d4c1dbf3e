package org.cloudcheckkit.sandbox.go;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/**
 * The Go requests, indexed by goApiReference and by recipient token, and their PDF jobs. Lookups for an API call also
 * check the caller's key: another account's token is as unknown as a made-up one (seed 001, error 105).
 */
public final class GoService {

    private final Clock clock;
    private final GoNotifications notifications;
    private final Duration configuredPdfJobDelay;
    private final Map<String, GoRequest> requestsByReference = new ConcurrentHashMap<>();
    private final Map<String, GoRequest> requestsByToken = new ConcurrentHashMap<>();
    private final Map<String, PdfJob> pdfJobsByToken = new ConcurrentHashMap<>();
    private volatile Duration pdfJobDelay;

    /** @param simulationClock the sandbox's simulated time, which tests advance */
    public GoService(Clock simulationClock, CallbackDispatcher dispatcher, Duration pdfJobDelay,
                     WireVariants variants) {
        this.clock = simulationClock;
        this.notifications = new GoNotifications(dispatcher, variants);
        this.configuredPdfJobDelay = pdfJobDelay;
        this.pdfJobDelay = pdfJobDelay;
    }

    Instant now() {
        return clock.instant();
    }

    GoRequest open(String ownerKey, GoSettings settings) {
        GoRequest request = new GoRequest(ownerKey, settings, clock, notifications);
        requestsByReference.put(request.goApiReference(), request);
        return request;
    }

    GoRequest request(String ownerKey, String goApiReference) {
        GoRequest request = requestsByReference.get(goApiReference);
        if (request == null || !request.ownerKey().equals(ownerKey)) {
            throw new NoSuchElementException("No Go request " + goApiReference + " for this key");
        }
        return request;
    }

    /** The Go request holding the recipient, for an API call by {@code ownerKey}. */
    GoRequest requestFor(String ownerKey, String recipientToken) {
        GoRequest request = requestFor(recipientToken);
        if (!request.ownerKey().equals(ownerKey)) {
            throw new NoSuchElementException("No recipient " + recipientToken + " for this key");
        }
        return request;
    }

    /** The Go request holding the recipient, whoever owns it. */
    private GoRequest requestFor(String recipientToken) {
        GoRequest request = requestsByToken.get(recipientToken);
        if (request == null) {
            throw new NoSuchElementException("No recipient " + recipientToken);
        }
        return request;
    }

    /** The customer finished the journey with this outcome. */
    public void respond(String recipientToken, VerificationOutcome outcome) {
        requestFor(recipientToken).respond(recipientToken, outcome);
    }

    /** The customer followed the link. */
    public void open(String recipientToken) {
        requestFor(recipientToken).open(recipientToken);
    }

    public void setStatus(String recipientToken, RecipientStatus status) {
        requestFor(recipientToken).setStatus(recipientToken, status);
    }

    /** Every recipient token issued and not cancelled, in no particular order. */
    public java.util.Set<String> recipientTokens() {
        return java.util.Set.copyOf(requestsByToken.keySet());
    }

    public RecipientSnapshot recipient(String recipientToken) {
        return requestFor(recipientToken).snapshot(recipientToken);
    }

    String addRecipient(GoRequest request, RecipientDetails details) {
        synchronized (request) {
            String token = request.add(details);
            requestsByToken.put(token, request);
            return token;
        }
    }

    /** @return the recipient's token afterwards, which is new when its contact details changed after a send */
    String editRecipient(GoRequest request, String token, RecipientDetails details) {
        synchronized (request) {
            String current = request.edit(token, details);
            if (!current.equals(token)) {
                requestsByToken.remove(token);
                requestsByToken.put(current, request);
            }
            return current;
        }
    }

    void cancelRecipients(GoRequest request, List<String> tokens) {
        synchronized (request) {
            request.cancel(tokens);
            tokens.forEach(requestsByToken::remove);
        }
    }

    /** Starts a job over the recipients that have responded; empty when none has. */
    Optional<PdfJob> startPdfJob(GoRequest request) {
        synchronized (request) {
            List<RecipientSnapshot> responded = request.snapshots().stream()
                    .filter(recipient -> recipient.status() == RecipientStatus.RESPONDED)
                    .toList();
            if (responded.isEmpty()) {
                return Optional.empty();
            }
            PdfJob job = new PdfJob(request, clock.instant(), pdfJobDelay, responded, request.responses());
            pdfJobsByToken.put(job.token(), job);
            return Optional.of(job);
        }
    }

    PdfJob pdfJob(String ownerKey, String token) {
        PdfJob job = pdfJobsByToken.get(token);
        if (job == null || !job.request().ownerKey().equals(ownerKey)) {
            throw new NoSuchElementException("No PDF job " + token + " for this key");
        }
        return job;
    }

    public Duration pdfJobDelay() {
        return pdfJobDelay;
    }

    public void pdfJobDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("The PDF job delay must not be negative");
        }
        this.pdfJobDelay = delay;
    }

    public void reset() {
        requestsByReference.clear();
        requestsByToken.clear();
        pdfJobsByToken.clear();
        pdfJobDelay = configuredPdfJobDelay;
    }
}
