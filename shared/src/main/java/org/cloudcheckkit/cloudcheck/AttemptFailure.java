package org.cloudcheckkit.cloudcheck;

import java.io.IOException;
import java.time.Duration;

/**
 * What went wrong on one attempt at a Cloudcheck call, in the terms {@link AttemptVerdict} decides on, and how the call
 * ends when no other attempt follows.
 */
sealed interface AttemptFailure {

    /** How the call ends on this failure: Cloudcheck's own error, or unavailable (trying again later is safe). */
    CloudcheckException failed(String path);

    /** How a call that must not be repeated ends when Cloudcheck may have acted on it. */
    default CloudcheckException outcomeUnknown(String path) {
        return failed(path);
    }

    /** How long the server asked to be left alone, or null. */
    default Duration retryAfter() {
        return null;
    }

    /** No answer: the connection could not be made, or it was, and then timed out or dropped. */
    record NoAnswer(HttpTransport.TransportFailure cause) implements AttemptFailure {

        boolean requestSent() {
            return cause.requestSent();
        }

        @Override
        public CloudcheckException failed(String path) {
            return new CloudcheckUnavailableException(path, "no answer: " + cause.getMessage(), null, cause);
        }

        @Override
        public CloudcheckException outcomeUnknown(String path) {
            return new CloudcheckOutcomeUnknownException(path,
                    "sent, but no answer (" + cause.getMessage() + "); Cloudcheck may have acted on it", cause);
        }
    }

    /** A 5xx or 429 without Cloudcheck's error object: an outage, an overload, or a gateway in front of Cloudcheck. */
    record StatusWithoutError(int status, Duration retryAfter) implements AttemptFailure {

        @Override
        public CloudcheckException failed(String path) {
            return new CloudcheckUnavailableException(path, "HTTP " + status, retryAfter, null);
        }

        @Override
        public CloudcheckException outcomeUnknown(String path) {
            return new CloudcheckOutcomeUnknownException(path,
                    "HTTP " + status + " without an error object; Cloudcheck may have acted on it", null);
        }
    }

    /** Cloudcheck answered with an error object. */
    record CloudcheckError(CloudcheckApiException error) implements AttemptFailure {

        @Override
        public CloudcheckException failed(String path) {
            return error;
        }
    }

    /** An answer began and broke off while it was read. */
    record AnswerCutShort(IOException cause) implements AttemptFailure {

        @Override
        public CloudcheckException failed(String path) {
            return new CloudcheckUnavailableException(path, "answer cut short: " + cause.getMessage(), null, cause);
        }

        @Override
        public CloudcheckException outcomeUnknown(String path) {
            return new CloudcheckOutcomeUnknownException(path,
                    "answer cut short (" + cause.getMessage() + "); Cloudcheck may have acted on it", cause);
        }
    }
}
