package org.cloudcheckkit.cardverification;

import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A dependency (DynamoDB, Secrets Manager) could not be reached or is failing for now (cause SERVER_UNAVAILABLE):
 * a call worth repeating shortly. Faults that a retry cannot fix (a missing table or secret, access denied, a
 * malformed secret) are not this: they are SERVER_FAILED, and somebody has to fix the configuration.
 */
public final class ServerUnavailableException extends RuntimeException {
    /** DynamoDB error codes that mean "busy, try again", which AWS sends with status 400. */
    private static final Set<String> TRANSIENT_ERROR_CODES = Set.of("ProvisionedThroughputExceededException",
            "RequestLimitExceeded", "ThrottlingException", "TransactionInProgressException", "LimitExceededException");

    private final String dependency;

    public ServerUnavailableException(String dependency, Throwable cause) {
        super(dependency + " is unavailable: " + cause.getClass().getSimpleName(), cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }

    /**
     * True when the SDK could not get an answer (connection refused or reset, timeouts, unknown host) or AWS
     * answered that it is busy or failing (throttling, HTTP 5xx).
     */
    public static boolean isTransient(SdkException failure) {
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500
                    || (service.awsErrorDetails() != null && TRANSIENT_ERROR_CODES.contains(service.awsErrorDetails().errorCode()));
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        return failure instanceof SdkClientException && causedByIo(failure);
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
