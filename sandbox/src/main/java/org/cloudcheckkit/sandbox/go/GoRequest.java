package org.cloudcheckkit.sandbox.go;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * One Go request and its recipients. Every change happens under this object's lock and every status change is
 * notified from inside it, so notifications leave in the order the changes were made.
 */
final class GoRequest {

    static final int MAXIMUM_RECIPIENTS = 500;

    /** Counts of the messages a send made. */
    record SendCount(int emailsSent, int smsSent) {
    }

    private static final class Recipient {
        private String token;
        private RecipientDetails details;
        private RecipientStatus status = RecipientStatus.NOT_SENT;
        private Instant statusDate;
        private boolean messageSent;
        private VerificationOutcome outcome = VerificationOutcome.PENDING;
        private Instant completedAt;

        private Recipient(String token, RecipientDetails details, Instant createdAt) {
            this.token = token;
            this.details = details;
            this.statusDate = createdAt;
        }

        private boolean isReachable() {
            return details.hasEmail() || details.hasMobile();
        }
    }

    private final String goApiReference;
    private final String ownerKey;
    private final GoSettings settings;
    private final Clock clock;
    private final GoNotifications notifications;
    private final List<Recipient> recipientsInOrder = new ArrayList<>();
    private final Map<String, Recipient> recipientsByToken = new HashMap<>();
    private long responses;

    GoRequest(String ownerKey, GoSettings settings, Clock clock, GoNotifications notifications) {
        this.goApiReference = UUID.randomUUID().toString();
        this.ownerKey = ownerKey;
        this.settings = settings;
        this.clock = clock;
        this.notifications = notifications;
    }

    String goApiReference() {
        return goApiReference;
    }

    String ownerKey() {
        return ownerKey;
    }

    GoSettings settings() {
        return settings;
    }

    synchronized String add(RecipientDetails details) {
        if (recipientsInOrder.size() >= MAXIMUM_RECIPIENTS) {
            throw new IllegalStateException("A Go request holds at most " + MAXIMUM_RECIPIENTS + " recipients");
        }
        Recipient recipient = new Recipient(newToken(), details, now());
        recipientsInOrder.add(recipient);
        recipientsByToken.put(recipient.token, recipient);
        return recipient.token;
    }

    /**
     * Replaces the recipient's details. Seed 000: once a message has gone out, a new email address or mobile number
     * gets a new token (the old link must stop working) and the recipient is Not Sent again.
     *
     * @return the recipient's token, new or unchanged
     */
    synchronized String edit(String token, RecipientDetails details) {
        Recipient recipient = recipient(token);
        if (recipient.status.isFinal()) {
            throw new IllegalStateException("The recipient is " + recipient.status + " and can no longer be edited");
        }
        boolean reissue = recipient.messageSent && details.contactDiffersFrom(recipient.details);
        recipient.details = details;
        if (reissue) {
            recipientsByToken.remove(token);
            recipient.token = newToken();
            recipient.messageSent = false;
            recipientsByToken.put(recipient.token, recipient);
            changeStatus(recipient, RecipientStatus.NOT_SENT);
        }
        return recipient.token;
    }

    /** Cancels all of the tokens, or none of them when any is unknown. */
    synchronized void cancel(List<String> tokens) {
        List<Recipient> cancelled = tokens.stream().map(this::recipient).toList();
        cancelled.forEach(recipient -> {
            recipientsInOrder.remove(recipient);
            recipientsByToken.remove(recipient.token);
        });
    }

    /** Sends a message to every reachable recipient that is still Not Sent. */
    synchronized SendCount send() {
        int emails = 0;
        int texts = 0;
        for (Recipient recipient : recipientsInOrder) {
            if (recipient.status == RecipientStatus.NOT_SENT && recipient.isReachable()) {
                deliverMessage(recipient);
                emails += recipient.details.hasEmail() ? 1 : 0;
                texts += recipient.details.hasMobile() ? 1 : 0;
            }
        }
        return new SendCount(emails, texts);
    }

    synchronized void resend(String token) {
        Recipient recipient = recipient(token);
        if (recipient.status.isFinal()) {
            throw new IllegalStateException("The recipient is " + recipient.status + "; there is nothing to resend");
        }
        if (!recipient.isReachable()) {
            throw new IllegalStateException("The recipient has no email address or mobile number");
        }
        deliverMessage(recipient);
    }

    /** The customer followed the link: Opened, then Clicked, unless already further along. */
    synchronized void open(String token) {
        Recipient recipient = recipient(token);
        walkTo(recipient, RecipientStatus.OPENED);
        walkTo(recipient, RecipientStatus.CLICKED);
    }

    /** The customer finished: walks through Opened and Clicked as needed, then Responded. */
    synchronized void respond(String token, VerificationOutcome outcome) {
        if (!outcome.isChoosable()) {
            throw new IllegalArgumentException("A recipient finishes with PASS, FAIL or REFER");
        }
        Recipient recipient = recipient(token);
        if (recipient.status.isFinal()) {
            throw new IllegalStateException("The recipient has already " + recipient.status.label().toLowerCase(Locale.ROOT));
        }
        open(token);
        recipient.outcome = outcome;
        finish(recipient, RecipientStatus.RESPONDED);
    }

    /**
     * Sets any status, as the control API allows. Responded without an outcome counts as PASS; Expired without one as
     * INCOMPLETE.
     */
    synchronized void setStatus(String token, RecipientStatus status) {
        Recipient recipient = recipient(token);
        if (recipient.status == status) {
            return;
        }
        if (status == RecipientStatus.RESPONDED && !recipient.outcome.isChoosable()) {
            recipient.outcome = VerificationOutcome.PASS;
        } else if (status == RecipientStatus.EXPIRED && recipient.outcome == VerificationOutcome.PENDING) {
            recipient.outcome = VerificationOutcome.INCOMPLETE;
        }
        if (status.isFinal()) {
            finish(recipient, status);
        } else {
            changeStatus(recipient, status);
        }
    }

    synchronized RecipientSnapshot snapshot(String token) {
        return snapshot(recipient(token));
    }

    synchronized List<RecipientSnapshot> snapshots() {
        return recipientsInOrder.stream().map(this::snapshot).toList();
    }

    /** How many times a recipient has become Responded: a PDF job is stale once this moves on. */
    synchronized long responses() {
        return responses;
    }

    static String newToken() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private void deliverMessage(Recipient recipient) {
        recipient.messageSent = true;
        changeStatus(recipient, RecipientStatus.SENT);
        changeStatus(recipient, RecipientStatus.DELIVERED);
    }

    private void walkTo(Recipient recipient, RecipientStatus status) {
        if (recipient.status.isBefore(status)) {
            changeStatus(recipient, status);
        }
    }

    private void finish(Recipient recipient, RecipientStatus status) {
        recipient.completedAt = now();
        if (status == RecipientStatus.RESPONDED) {
            responses++;
        }
        changeStatus(recipient, status);
    }

    private void changeStatus(Recipient recipient, RecipientStatus status) {
        recipient.status = status;
        recipient.statusDate = now();
        notifications.statusChanged(this, recipient.token, status);
    }

    private Recipient recipient(String token) {
        Recipient recipient = recipientsByToken.get(token);
        if (recipient == null) {
            throw new NoSuchElementException("No recipient " + token + " in Go request " + goApiReference);
        }
        return recipient;
    }

    private RecipientSnapshot snapshot(Recipient recipient) {
        return new RecipientSnapshot(goApiReference, recipient.token, recipient.details.reference(),
                recipient.details.name(), recipient.status, recipient.statusDate, recipient.outcome,
                recipient.completedAt, recipient.details.services(), settings.completeUrl());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
