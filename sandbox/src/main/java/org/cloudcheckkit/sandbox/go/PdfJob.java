package org.cloudcheckkit.sandbox.go;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A pdfs/generate job: the recipients that had responded when it started, ready after the configured delay. */
final class PdfJob {

    private final String token;
    private final GoRequest request;
    private final Instant startedAt;
    private final Instant readyAt;
    private final List<RecipientSnapshot> results;
    private final long responsesAtStart;

    PdfJob(GoRequest request, Instant startedAt, Duration delay, List<RecipientSnapshot> results,
           long responsesAtStart) {
        this.token = GoRequest.newToken();
        this.request = request;
        this.startedAt = startedAt;
        this.readyAt = startedAt.plus(delay);
        this.results = List.copyOf(results);
        this.responsesAtStart = responsesAtStart;
    }

    String token() {
        return token;
    }

    GoRequest request() {
        return request;
    }

    /** When the job finishes: the zip's PDFs carry this as their generation time. */
    Instant readyAt() {
        return readyAt;
    }

    List<RecipientSnapshot> results() {
        return results;
    }

    /** Seed 000: once another recipient responds, the results are no longer current and the token stops working. */
    boolean isCurrent() {
        return request.responses() == responsesAtStart;
    }

    boolean isReady(Instant now) {
        return !now.isBefore(readyAt);
    }

    /** How many PDFs are done, growing evenly over the delay. */
    int completed(Instant now) {
        if (isReady(now)) {
            return results.size();
        }
        long total = Duration.between(startedAt, readyAt).toMillis();
        long elapsed = Math.max(0, Duration.between(startedAt, now).toMillis());
        return (int) (results.size() * elapsed / total);
    }
}
