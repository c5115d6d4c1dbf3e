package org.cloudcheckkit.cloudcheck;

import static org.cloudcheckkit.cloudcheck.AttemptVerdict.FAIL;
import static org.cloudcheckkit.cloudcheck.AttemptVerdict.OUTCOME_UNKNOWN;
import static org.cloudcheckkit.cloudcheck.AttemptVerdict.REFRESH_CREDENTIALS;
import static org.cloudcheckkit.cloudcheck.AttemptVerdict.RETRY;
import static org.cloudcheckkit.cloudcheck.AttemptVerdictTest.Secret.AS_CACHED;
import static org.cloudcheckkit.cloudcheck.AttemptVerdictTest.Secret.REFRESHED;
import static org.cloudcheckkit.cloudcheck.Endpoint.GO_CREATE;
import static org.cloudcheckkit.cloudcheck.Endpoint.GO_RESULT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry rules as a table: what went wrong on one attempt, on a call that is safe to repeat once sent (GO_RESULT)
 * or not (GO_CREATE), with the secret as cached or already refreshed once in this call, and what follows.
 */
class AttemptVerdictTest {

    enum Secret { AS_CACHED, REFRESHED }

    static Stream<Arguments> rules() {
        return Stream.of(
                // A connection that could not be made: the request never left, so any call is retried.
                row("connection refused", notConnected(), GO_CREATE, AS_CACHED, RETRY),
                row("connection refused", notConnected(), GO_RESULT, AS_CACHED, RETRY),
                row("connect timed out", connectTimedOut(), GO_CREATE, AS_CACHED, RETRY),
                row("connect timed out", connectTimedOut(), GO_RESULT, AS_CACHED, RETRY),
                row("connection refused", notConnected(), GO_CREATE, REFRESHED, RETRY),
                // Sent, then no answer: retried only when safe to repeat, otherwise Cloudcheck may have acted on it.
                row("read timed out", readTimedOut(), GO_RESULT, AS_CACHED, RETRY),
                row("read timed out", readTimedOut(), GO_CREATE, AS_CACHED, OUTCOME_UNKNOWN),
                row("connection dropped", dropped(), GO_RESULT, AS_CACHED, RETRY),
                row("connection dropped", dropped(), GO_CREATE, AS_CACHED, OUTCOME_UNKNOWN),
                row("connection dropped", dropped(), GO_CREATE, REFRESHED, OUTCOME_UNKNOWN),
                // A status without Cloudcheck's error object: the same, except that a 429 turned the request away.
                row("HTTP 500", status(500, null), GO_RESULT, AS_CACHED, RETRY),
                row("HTTP 500", status(500, null), GO_CREATE, AS_CACHED, OUTCOME_UNKNOWN),
                row("HTTP 503", status(503, null), GO_RESULT, AS_CACHED, RETRY),
                row("HTTP 503", status(503, null), GO_CREATE, AS_CACHED, OUTCOME_UNKNOWN),
                row("HTTP 503", status(503, null), GO_CREATE, REFRESHED, OUTCOME_UNKNOWN),
                row("HTTP 429", status(429, null), GO_RESULT, AS_CACHED, RETRY),
                row("HTTP 429", status(429, null), GO_CREATE, AS_CACHED, FAIL),
                row("HTTP 429, Retry-After 2 s", status(429, Duration.ofSeconds(2)), GO_RESULT, AS_CACHED, RETRY),
                row("HTTP 429, Retry-After 2 s", status(429, Duration.ofSeconds(2)), GO_CREATE, AS_CACHED, FAIL),
                // 101/106: Cloudcheck refused the key or signature and did nothing; the secret is read again once.
                row("error 101", error(101), GO_RESULT, AS_CACHED, REFRESH_CREDENTIALS),
                row("error 101", error(101), GO_CREATE, AS_CACHED, REFRESH_CREDENTIALS),
                row("error 106", error(106), GO_RESULT, AS_CACHED, REFRESH_CREDENTIALS),
                row("error 106", error(106), GO_CREATE, AS_CACHED, REFRESH_CREDENTIALS),
                row("error 101", error(101), GO_RESULT, REFRESHED, FAIL),
                row("error 101", error(101), GO_CREATE, REFRESHED, FAIL),
                row("error 106", error(106), GO_RESULT, REFRESHED, FAIL),
                row("error 106", error(106), GO_CREATE, REFRESHED, FAIL),
                // 111-113: Cloudcheck could not do it this time; retried only when safe to repeat.
                row("error 111", error(111), GO_RESULT, AS_CACHED, RETRY),
                row("error 111", error(111), GO_CREATE, AS_CACHED, FAIL),
                row("error 112", error(112), GO_RESULT, AS_CACHED, RETRY),
                row("error 112", error(112), GO_CREATE, AS_CACHED, FAIL),
                row("error 113", error(113), GO_RESULT, AS_CACHED, RETRY),
                row("error 113", error(113), GO_CREATE, AS_CACHED, FAIL),
                row("error 113", error(113), GO_RESULT, REFRESHED, RETRY),
                // Any other error is Cloudcheck's answer.
                row("error 102", error(102), GO_RESULT, AS_CACHED, FAIL),
                row("error 102", error(102), GO_CREATE, AS_CACHED, FAIL),
                row("error 110", error(110), GO_RESULT, AS_CACHED, FAIL),
                row("recipient error INVALID_ADDRESS", recipientError("INVALID_ADDRESS"), GO_CREATE, AS_CACHED, FAIL),
                // An answer cut short while it was read: it had begun, so the call arrived - retried only when safe
                // to repeat, and otherwise perhaps acted on (a create's 200 that broke off still made the request).
                row("answer cut short", cutShort(), GO_RESULT, AS_CACHED, RETRY),
                row("answer cut short", cutShort(), GO_CREATE, AS_CACHED, OUTCOME_UNKNOWN));
    }

    @ParameterizedTest(name = "{0} on {1}, secret {2} -> {3}")
    @MethodSource("rules")
    void eachFailureOnEachKindOfCallHasOneVerdict(AttemptFailure failure, Endpoint endpoint, Secret secret,
                                                  AttemptVerdict verdict) {
        assertEquals(verdict, AttemptVerdict.classify(failure, endpoint, secret == REFRESHED));
    }

    @Test
    void goResultIsSafeToRepeatOnceSentAndGoCreateIsNot() {
        assertTrue(GO_RESULT.repeatableOnceSent);
        assertFalse(GO_CREATE.repeatableOnceSent);
    }

    @Test
    void anOutcomeUnknownSaysCloudcheckMayHaveActed() {
        CloudcheckException sent = readTimedOut().outcomeUnknown("/go/create/");
        CloudcheckException bare = status(502, null).outcomeUnknown("/go/create/");

        assertEquals("/go/create/: OUTCOME_UNKNOWN sent, but no answer (SocketTimeoutException: Read timed out); "
                + "Cloudcheck may have acted on it", sent.getMessage());
        assertEquals("/go/create/: OUTCOME_UNKNOWN HTTP 502 without an error object; Cloudcheck may have acted on it",
                bare.getMessage());
    }

    @Test
    void aFailureEndsAsUnavailableOrAsCloudchecksOwnError() {
        CloudcheckApiException cloudcheck = error(111).error();

        assertEquals("/go/pdf/: UNAVAILABLE no answer: ConnectException: Connection refused",
                notConnected().failed("/go/pdf/").getMessage());
        CloudcheckUnavailableException throttled = (CloudcheckUnavailableException) status(429, Duration.ofSeconds(2))
                .failed("/go/pdf/");
        assertEquals("/go/pdf/: UNAVAILABLE HTTP 429", throttled.getMessage());
        assertEquals(Duration.ofSeconds(2), throttled.retryAfter().orElseThrow());
        assertEquals("/go/pdf/: UNAVAILABLE answer cut short: body ended early",
                cutShort().failed("/go/pdf/").getMessage());
        assertSame(cloudcheck, new AttemptFailure.CloudcheckError(cloudcheck).failed("/go/pdf/"));
    }

    private static Arguments row(String whatHappened, AttemptFailure failure, Endpoint endpoint, Secret secret,
                                 AttemptVerdict verdict) {
        return Arguments.of(Named.of(whatHappened, failure), endpoint, secret, verdict);
    }

    private static AttemptFailure.NoAnswer notConnected() {
        return noAnswer(false, new ConnectException("Connection refused"));
    }

    private static AttemptFailure.NoAnswer connectTimedOut() {
        return noAnswer(false, new SocketTimeoutException("Connect timed out"));
    }

    private static AttemptFailure.NoAnswer readTimedOut() {
        return noAnswer(true, new SocketTimeoutException("Read timed out"));
    }

    private static AttemptFailure.NoAnswer dropped() {
        return noAnswer(true, new SocketException("Connection reset"));
    }

    private static AttemptFailure.NoAnswer noAnswer(boolean requestSent, IOException cause) {
        return new AttemptFailure.NoAnswer(
                new HttpTransport.TransportFailure(requestSent, cause instanceof SocketTimeoutException, cause));
    }

    private static AttemptFailure.StatusWithoutError status(int status, Duration retryAfter) {
        return new AttemptFailure.StatusWithoutError(status, retryAfter);
    }

    private static AttemptFailure.CloudcheckError error(int code) {
        return new AttemptFailure.CloudcheckError(new CloudcheckApiException("/go/create/", code, null,
                "message " + code, List.of(), List.of(), 400, List.of()));
    }

    private static AttemptFailure.CloudcheckError recipientError(String code) {
        return new AttemptFailure.CloudcheckError(new CloudcheckApiException("/go/create/", null, code, "message",
                List.of(), List.of(), 400, List.of()));
    }

    private static AttemptFailure.AnswerCutShort cutShort() {
        return new AttemptFailure.AnswerCutShort(new EOFException("body ended early"));
    }
}
