package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.cloudcheckkit.signing.ApiCredentials;
import org.cloudcheckkit.signing.RequestSigner;
import org.cloudcheckkit.signing.SignedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one Cloudcheck call: signs each attempt afresh, sends it, reads the answer, and decides whether another
 * attempt is safe. Logs paths, attempts, statuses and codes only: never parameters, bodies or credentials.
 */
final class CloudcheckCalls {
    private static final Logger log = LoggerFactory.getLogger(CloudcheckClient.class);
    /** Time kept back at the end of a deadline so an attempt is not started that could not finish. */
    private static final Duration LAST_ATTEMPT_MARGIN = Duration.ofMillis(250);

    private final ClientSettings settings;
    private final HttpTransport transport;
    private final RequestSigner signer;
    private final CredentialsSource credentials;
    private final Backoff backoff;
    private final ObjectMapper json;
    private final Answers answers;

    CloudcheckCalls(ClientSettings settings, RequestSigner signer, CredentialsSource credentials, Backoff backoff,
                    ObjectMapper json) {
        this.settings = settings;
        this.transport = new HttpTransport(settings.connectTimeout(), settings.readTimeout());
        this.signer = signer;
        this.credentials = credentials;
        this.backoff = backoff;
        this.json = json;
        this.answers = new Answers(json, settings.maxJsonBytes());
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

    /** A {@link Download} of the expected media type, or the JSON Cloudcheck sent instead (errors are thrown). */
    Object binary(Endpoint endpoint, String payload, Deadline deadline, String mediaType) {
        return execute(endpoint, payload, deadline, response -> answers.binaryOrJson(endpoint, response, mediaType));
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(HttpTransport.Response response) throws Answers.UnansweredStatus, IOException;
    }

    private <T> T execute(Endpoint endpoint, String payload, Deadline deadline, Reader<T> reader) {
        ApiCredentials current = credentials.current();
        boolean credentialsRefreshed = false;
        for (int attempt = 1; ; attempt++) {
            SignedRequest signed = signer.sign(endpoint.path, current, Map.of(endpoint.payloadParameter, payload));
            long started = System.nanoTime();
            HttpTransport.Response response;
            try {
                response = send(endpoint, signed, deadline);
            } catch (HttpTransport.TransportFailure failure) {
                log.info("cloudcheck {} attempt {} failed after {} ms: {} (sent: {})", endpoint.path, attempt,
                        elapsedMillis(started), failure.getMessage(), failure.requestSent());
                if ((!failure.requestSent() || endpoint.repeatableOnceSent) && mayRetry(endpoint, attempt, deadline, null)) {
                    continue;
                }
                if (failure.requestSent() && !endpoint.repeatableOnceSent) {
                    throw new CloudcheckOutcomeUnknownException(endpoint.path,
                            "sent, but no answer (" + failure.getMessage() + "); Cloudcheck may have acted on it", failure);
                }
                throw new CloudcheckUnavailableException(endpoint.path, "no answer: " + failure.getMessage(), null, failure);
            }
            try {
                T value = reader.read(response);
                log.debug("cloudcheck {} attempt {} -> HTTP {} in {} ms", endpoint.path, attempt, response.status(),
                        elapsedMillis(started));
                return value;
            } catch (CloudcheckApiException error) {
                log.info("cloudcheck {} attempt {} -> HTTP {} error {} in {} ms", endpoint.path, attempt,
                        response.status(), error.code(), elapsedMillis(started));
                if (error.isCredentialRejection() && !credentialsRefreshed) {
                    // Cloudcheck refused the key or signature, so it did nothing: safe to repeat even a create.
                    credentialsRefreshed = true;
                    current = credentials.refreshed();
                    continue;
                }
                if (error.isTransient() && endpoint.repeatableOnceSent && mayRetry(endpoint, attempt, deadline, null)) {
                    continue;
                }
                throw error;
            } catch (Answers.UnansweredStatus status) {
                log.info("cloudcheck {} attempt {} -> HTTP {} in {} ms", endpoint.path, attempt, status.status,
                        elapsedMillis(started));
                Duration retryAfter = retryAfter(status.retryAfter);
                if (endpoint.repeatableOnceSent && mayRetry(endpoint, attempt, deadline, retryAfter)) {
                    continue;
                }
                if (status.status != 429 && !endpoint.repeatableOnceSent) {
                    throw new CloudcheckOutcomeUnknownException(endpoint.path,
                            "HTTP " + status.status + " without an error object; Cloudcheck may have acted on it", null);
                }
                throw new CloudcheckUnavailableException(endpoint.path, "HTTP " + status.status, retryAfter, null);
            } catch (IOException e) {
                if (endpoint.repeatableOnceSent && mayRetry(endpoint, attempt, deadline, null)) {
                    continue;
                }
                throw new CloudcheckUnavailableException(endpoint.path, "answer cut short: " + e.getMessage(), null, e);
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

    /** Backs off and answers true when one more attempt fits in both the attempt budget and the deadline. */
    private boolean mayRetry(Endpoint endpoint, int attemptsMade, Deadline deadline, Duration retryAfter) {
        if (attemptsMade >= settings.maxAttempts()) {
            return false;
        }
        Duration delay = backoff.delayAfter(attemptsMade, retryAfter);
        if (!deadline.allows(delay.plus(LAST_ATTEMPT_MARGIN))) {
            return false;
        }
        log.debug("cloudcheck {} retrying in {} ms", endpoint.path, delay.toMillis());
        backoff.sleep(delay);
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
