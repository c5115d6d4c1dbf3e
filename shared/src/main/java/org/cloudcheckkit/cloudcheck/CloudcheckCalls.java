package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.retry.RetryPolicy;
import org.cloudcheckkit.signing.ApiCredentials;
import org.cloudcheckkit.signing.RequestSigner;
import org.cloudcheckkit.signing.SignedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one Cloudcheck call: signs each attempt afresh, sends it, reads the answer, and acts on the
 * {@link AttemptVerdict} of a failed attempt within the {@link org.cloudcheckkit.retry.RetryPolicy} and the deadline.
 * Logs paths, attempts, statuses and codes only: never parameters, bodies or credentials.
 */
final class CloudcheckCalls {
    private static final Logger log = LoggerFactory.getLogger(CloudcheckClient.class);
    /** Time kept back at the end of a deadline so an attempt is not started that could not finish. */
    private static final Duration LAST_ATTEMPT_MARGIN = Duration.ofMillis(250);

    private final ClientSettings settings;
    private final HttpTransport transport;
    private final RequestSigner signer;
    private final CredentialsSource credentials;
    private final RandomGenerator jitter;
    private final Sleeper sleeper;
    private final ObjectMapper json;
    private final Answers answers;
    private final Metrics metrics;

    CloudcheckCalls(ClientSettings settings, RequestSigner signer, CredentialsSource credentials,
                    RandomGenerator jitter, Sleeper sleeper, ObjectMapper json, Metrics metrics,
                    URLStreamHandler connections) {
        this.settings = settings;
        this.transport = new HttpTransport(settings.connectTimeout(), settings.readTimeout(), connections);
        this.signer = signer;
        this.credentials = credentials;
        this.jitter = jitter;
        this.sleeper = sleeper;
        this.json = json;
        this.answers = new Answers(json, settings.maxJsonBytes());
        this.metrics = metrics;
    }

    /** Serialises request data once: the string returned is both signed and sent. */
    String data(Object requestData) {
        try {
            return json.writeValueAsString(requestData);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request data cannot be serialised: " + e.getOriginalMessage(), e);
        }
    }

    Answers.JsonAnswer json(Endpoint endpoint, String payload, Deadline deadline) {
        return execute(endpoint, payload, deadline, response -> answers.json(endpoint, response));
    }

    /** A {@link Download} of the expected document, or the JSON Cloudcheck sent instead (errors are thrown). */
    Object binary(Endpoint endpoint, String payload, Deadline deadline, Answers.Document expected) {
        return execute(endpoint, payload, deadline, response -> answers.documentOrJson(endpoint, response, expected));
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(HttpTransport.Response response) throws Answers.UnansweredStatus, IOException;
    }

    /** Attempt, classify what went wrong, act on the verdict: retry after a backoff, refresh the secret, or stop. */
    private <T> T execute(Endpoint endpoint, String payload, Deadline deadline, Reader<T> reader) {
        ApiCredentials current = credentials.current();
        boolean credentialsRefreshed = false;
        for (int attempt = 1; ; attempt++) {
            SignedRequest signed = signer.sign(endpoint.path, current, Map.of(endpoint.payloadParameter, payload));
            long started = System.nanoTime();
            AttemptFailure failure;
            try {
                HttpTransport.Response response = send(endpoint, signed, deadline);
                T value = reader.read(response);
                log.debug("cloudcheck {} attempt {} -> HTTP {} in {} ms", endpoint.path, attempt, response.status(),
                        elapsedMillis(started));
                return value;
            } catch (HttpTransport.TransportFailure noAnswer) {
                log.info("cloudcheck {} attempt {} failed after {} ms: {} (sent: {})", endpoint.path, attempt,
                        elapsedMillis(started), noAnswer.getMessage(), noAnswer.requestSent());
                failure = new AttemptFailure.NoAnswer(noAnswer);
            } catch (CloudcheckApiException error) {
                log.info("cloudcheck {} attempt {} -> HTTP {} error {} in {} ms", endpoint.path, attempt,
                        error.httpStatus(), error.code(), elapsedMillis(started));
                metrics.countBy(Metric.CLOUDCHECK_ERRORS, error.code());
                failure = new AttemptFailure.CloudcheckError(error);
            } catch (Answers.UnansweredStatus status) {
                log.info("cloudcheck {} attempt {} -> HTTP {} in {} ms", endpoint.path, attempt, status.status,
                        elapsedMillis(started));
                failure = new AttemptFailure.StatusWithoutError(status.status, retryAfter(status.retryAfter));
            } catch (IOException cutShort) {
                failure = new AttemptFailure.AnswerCutShort(cutShort);
            }
            switch (AttemptVerdict.classify(failure, endpoint, credentialsRefreshed)) {
                case RETRY -> {
                    if (!mayRetry(endpoint, attempt, deadline, failure.retryAfter())) {
                        throw failure.failed(endpoint.path);
                    }
                }
                case REFRESH_CREDENTIALS -> {
                    credentialsRefreshed = true;
                    current = credentials.refreshed();
                }
                case OUTCOME_UNKNOWN -> {
                    metrics.count(Metric.OUTCOME_UNKNOWN, 1);
                    throw failure.outcomeUnknown(endpoint.path);
                }
                case FAIL -> throw failure.failed(endpoint.path);
            }
        }
    }

    private HttpTransport.Response send(Endpoint endpoint, SignedRequest signed, Deadline deadline)
            throws HttpTransport.TransportFailure {
        String encoded = FormEncoding.encode(signed.parameters());
        URI base = settings.baseUrl();
        String prefix = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        if (endpoint.isPost()) {
            return transport.exchange("POST", URI.create(prefix + endpoint.path), encoded.getBytes(StandardCharsets.UTF_8),
                    deadline.remaining());
        }
        return transport.exchange("GET", URI.create(prefix + endpoint.path + "?" + encoded), null, deadline.remaining());
    }

    /** Backs off and answers true when one more attempt fits in both the retry policy and the deadline. */
    private boolean mayRetry(Endpoint endpoint, int attemptsMade, Deadline deadline, Duration retryAfter) {
        RetryPolicy policy = settings.retries();
        if (!policy.allowsAnotherAfter(attemptsMade)) {
            return false;
        }
        Duration delay = policy.delayAfter(attemptsMade, retryAfter, jitter);
        if (!deadline.allows(delay.plus(LAST_ATTEMPT_MARGIN))) {
            return false;
        }
        log.debug("cloudcheck {} retrying in {} ms", endpoint.path, delay.toMillis());
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
        return true;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
