package org.cloudcheckkit.sandbox.akahu;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** One Akahu request. Changes happen under its lock, and each is notified from inside it, in order. */
final class AkahuSession {

    /** Seed 002: a customer who has not finished within 20 minutes is Expired. */
    static final Duration JOURNEY_LIMIT = Duration.ofMinutes(20);
    /** Seed 002: details are kept for 7 days after completion. */
    static final Duration DETAILS_RETENTION = Duration.ofDays(7);

    private final String token = UUID.randomUUID().toString().replace("-", "");
    private final String akahuReference = "AKH-" + UUID.randomUUID();
    private final String ownerKey;
    private final AkahuRequest request;
    private final Instant createdAt;
    private final AkahuNotifications notifications;
    private AkahuStatus status = AkahuStatus.PENDING;
    private Instant completedAt;
    private boolean disposed;
    private AkahuReview review;

    AkahuSession(String ownerKey, AkahuRequest request, Instant createdAt, AkahuNotifications notifications) {
        this.ownerKey = ownerKey;
        this.request = request;
        this.createdAt = createdAt;
        this.notifications = notifications;
    }

    String token() {
        return token;
    }

    String ownerKey() {
        return ownerKey;
    }

    /** The customer finished with this status: notificationUrl once, then the webhook. */
    synchronized void complete(AkahuStatus outcome, Instant now) {
        if (outcome == AkahuStatus.PENDING) {
            throw new IllegalArgumentException("An Akahu journey cannot be completed as Pending");
        }
        catchUp(now);
        if (status != AkahuStatus.PENDING) {
            throw new IllegalStateException("The Akahu request is already " + status.label());
        }
        status = outcome;
        completedAt = now;
        if (outcome != AkahuStatus.EXPIRED) {
            notifications.finished(request);
        }
        notifications.statusChanged(request, token, status);
    }

    synchronized void review(String decision, String notes, Instant now) {
        catchUp(now);
        if (status == AkahuStatus.PENDING) {
            throw new IllegalStateException("The customer has not finished the Akahu process yet");
        }
        review = new AkahuReview(decision, notes, now);
        notifications.statusChanged(request, token, status);
        notifications.reviewed(token);
    }

    /** Applies what the passing of simulated time has made due: expiry, then disposal of the details. */
    synchronized void catchUp(Instant now) {
        Instant expiry = createdAt.plus(JOURNEY_LIMIT);
        if (status == AkahuStatus.PENDING && !now.isBefore(expiry)) {
            status = AkahuStatus.EXPIRED;
            completedAt = expiry;
            notifications.statusChanged(request, token, status);
        }
        if (completedAt != null && !disposed && !now.isBefore(completedAt.plus(DETAILS_RETENTION))) {
            disposed = true;
        }
    }

    synchronized AkahuSnapshot snapshot() {
        return new AkahuSnapshot(token, akahuReference, request, status, createdAt, completedAt, disposed, review);
    }
}
