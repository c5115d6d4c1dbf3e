package org.cloudcheckkit.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudcheckkit.FailingDynamoDb;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.table.IdempotencyRecords;
import org.cloudcheckkit.validation.ValidationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Idempotency-Keys in DynamoDB (moto): a repeat replays, another body is refused, an unknown outcome is remembered. */
class IdempotencyTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private Idempotency idempotency;

    @BeforeEach
    void setUp(LocalAws aws) {
        idempotency = new Idempotency(records(aws.dynamoDb(), aws), clock);
    }

    private IdempotencyRecords records(DynamoDbClient dynamoDb, LocalAws aws) {
        return new IdempotencyRecords(dynamoDb, aws.physicalName("Table"), clock, Duration.ofHours(24), Duration.ofSeconds(60));
    }

    @Test
    void aRepeatGetsTheFirstAnswerWithoutActingAgain() {
        Reply first = idempotency.run("key-1", "{\"a\":1}", () -> act(201, Reply.Disposition.KEEP));
        Reply repeat = idempotency.run("key-1", "{\"a\":1}", () -> act(201, Reply.Disposition.KEEP));

        assertEquals(1, calls.get());
        assertEquals(first.status(), repeat.status());
        assertEquals(first.body(), repeat.body());
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        idempotency.run("key-2", "{\"a\":1}", () -> act(201, Reply.Disposition.KEEP));

        IdempotencyConflictException refused = assertThrows(IdempotencyConflictException.class,
                () -> idempotency.run("key-2", "{\"a\":2}", () -> act(201, Reply.Disposition.KEEP)));

        assertEquals(IdempotencyConflictException.Reason.DIFFERENT_REQUEST, refused.reason());
        assertEquals(1, calls.get());
    }

    @Test
    void aKeyStandsForOneRequestSoTheSameKeyForAnyOtherIsRefused() {
        idempotency.run("key-3", "user-a POST /go/requests/{A}/send {}", () -> act(200, Reply.Disposition.KEEP));

        for (String other : new String[] {"user-a POST /go/requests/{B}/send {}", "user-b POST /go/requests/{A}/send {}"}) {
            IdempotencyConflictException refused = assertThrows(IdempotencyConflictException.class,
                    () -> idempotency.run("key-3", other, () -> act(200, Reply.Disposition.KEEP)));
            assertEquals(IdempotencyConflictException.Reason.DIFFERENT_REQUEST, refused.reason());
        }
        assertEquals(1, calls.get(), "never another request's answer, and never acted on");
    }

    @Test
    void whenNothingHappenedTheKeyCanBeUsedAgain() {
        idempotency.run("key-4", "{}", () -> act(503, Reply.Disposition.FORGET));
        Reply retried = idempotency.run("key-4", "{}", () -> act(201, Reply.Disposition.KEEP));

        assertEquals(2, calls.get());
        assertEquals(201, retried.status());
    }

    @Test
    void anUnknownOutcomeRefusesRepeatsSoNothingIsBilledTwice() {
        idempotency.run("key-5", "{}", () -> act(502, Reply.Disposition.OUTCOME_UNKNOWN));

        IdempotencyConflictException refused = assertThrows(IdempotencyConflictException.class,
                () -> idempotency.run("key-5", "{}", () -> act(201, Reply.Disposition.KEEP)));

        assertEquals(IdempotencyConflictException.Reason.OUTCOME_UNKNOWN, refused.reason());
        assertEquals(1, calls.get());
    }

    @Test
    void aClaimStillInProgressIsNotRunTwice() {
        IdempotencyConflictException refused = assertThrows(IdempotencyConflictException.class,
                () -> idempotency.run("key-6", "{}",
                        () -> idempotency.run("key-6", "{}", () -> act(201, Reply.Disposition.KEEP))));

        assertEquals(IdempotencyConflictException.Reason.IN_PROGRESS, refused.reason());
    }

    @Test
    void anExpiredKeyIsFree() {
        idempotency.run("key-7", "{\"a\":1}", () -> act(201, Reply.Disposition.KEEP));
        clock.advance(Duration.ofHours(25));

        Reply fresh = idempotency.run("key-7", "{\"a\":2}", () -> act(201, Reply.Disposition.KEEP));

        assertEquals(2, calls.get());
        assertEquals(201, fresh.status());
    }

    @Test
    void aKeyMustBeShortVisibleAscii() {
        ValidationException refused = assertThrows(ValidationException.class,
                () -> idempotency.run("has space", "{}", () -> act(201, Reply.Disposition.KEEP)));

        assertEquals("header:Idempotency-Key", refused.problems().get(0).field());
        assertTrue(calls.get() == 0);
    }

    @Test
    void withoutAKeyEveryRequestActs() {
        idempotency.run(null, "{}", () -> act(201, Reply.Disposition.KEEP));
        idempotency.run(null, "{}", () -> act(201, Reply.Disposition.KEEP));

        assertEquals(2, calls.get());
    }

    @Test
    void aCompletionThatCannotBeRecordedStillAnswersWithTheSuccessAndARepeatIsNotActedOn(LocalAws aws) {
        AtomicInteger failures = new AtomicInteger();
        DynamoDbClient completionsFail = FailingDynamoDb.failing(aws, request -> request instanceof UpdateItemRequest, failures);
        Idempotency failingCompletion = new Idempotency(records(completionsFail, aws), clock);

        Reply answer = failingCompletion.run("key-8", "{}", () -> act(201, Reply.Disposition.KEEP));

        assertEquals(201, answer.status(), "Cloudcheck's success is the answer, not a 500");
        assertEquals(1, failures.get(), "the completion was attempted, and failed");
        IdempotencyConflictException repeat = assertThrows(IdempotencyConflictException.class,
                () -> idempotency.run("key-8", "{}", () -> act(201, Reply.Disposition.KEEP)));
        assertEquals(IdempotencyConflictException.Reason.IN_PROGRESS, repeat.reason());
        clock.advance(Duration.ofSeconds(61));
        IdempotencyConflictException later = assertThrows(IdempotencyConflictException.class,
                () -> idempotency.run("key-8", "{}", () -> act(201, Reply.Disposition.KEEP)));
        assertEquals(IdempotencyConflictException.Reason.OUTCOME_UNKNOWN, later.reason());
        assertEquals(1, calls.get(), "acted once: the repeat could have billed twice");
    }

    private Reply act(int status, Reply.Disposition disposition) {
        int call = calls.incrementAndGet();
        return new Reply(status, "{\"call\":" + call + "}", disposition);
    }
}
