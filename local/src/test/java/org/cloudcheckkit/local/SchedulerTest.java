package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static final String RULE = "arn:aws:events:ap-southeast-2:123456789012:rule/stack-ReconcileFunctionEvery5Minutes";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00.250Z"));

    private Scheduler scheduler(FunctionInvoker function) {
        return new Scheduler(List.of(new Scheduler.Job("ReconcileFunction", "Every5Minutes", "rate(5 minutes)", RULE, function)),
                Duration.ofSeconds(2), "123456789012", "ap-southeast-2", clock);
    }

    @Test
    void invokesWithTheEventEventBridgeSendsAScheduledRulesTarget() {
        StringBuilder received = new StringBuilder();
        try (Scheduler scheduler = scheduler(payload -> {
            received.append(payload);
            return "{}";
        })) {
            scheduler.tick(scheduler.jobs().get(0));
        }

        JsonNode event = Json.parse(received.toString());
        assertEquals("Scheduled Event", event.path("detail-type").asText());
        assertEquals("aws.events", event.path("source").asText());
        assertEquals("123456789012", event.path("account").asText());
        assertEquals("ap-southeast-2", event.path("region").asText());
        assertEquals("2026-11-22T09:00:00Z", event.path("time").asText());
        assertEquals(RULE, event.path("resources").get(0).asText());
        assertTrue(event.path("detail").isObject() && event.path("detail").isEmpty());
        assertEquals(36, event.path("id").asText().length());
    }

    @Test
    void aTickWhileTheFunctionStillRunsIsSkipped() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler scheduler = scheduler(payload -> {
            runs.incrementAndGet();
            entered.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{}";
        })) {
            Scheduler.Job job = scheduler.jobs().get(0);
            Thread first = new Thread(() -> scheduler.tick(job));
            first.start();
            assertTrue(entered.await(5, TimeUnit.SECONDS));

            scheduler.tick(job);
            release.countDown();
            first.join(5_000);
            scheduler.tick(job);
        }

        assertEquals(2, runs.get(), "the overlapping tick did not run; the one after did");
    }

    @Test
    void aFailingRunIsLoggedNotThrown() {
        try (Scheduler scheduler = scheduler(payload -> {
            throw new FunctionError("ReconcileFunction", new IllegalStateException("Cloudcheck down"));
        })) {
            assertDoesNotThrow(() -> scheduler.tick(scheduler.jobs().get(0)));
        }
    }
}
