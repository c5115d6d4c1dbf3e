package org.cloudcheckkit.cloudcheck;

/**
 * What follows a failed attempt, decided from what went wrong and which call it was, nothing else: whether a retry
 * still fits the retry policy and the deadline is for {@link CloudcheckCalls} to find out.
 */
enum AttemptVerdict {
    /** Try again after a backoff, when the retry policy and the deadline leave room; otherwise fail. */
    RETRY,
    /** Read the secret again and repeat at once. */
    REFRESH_CREDENTIALS,
    /** Stop: the call must not be repeated, and Cloudcheck may have acted on it. */
    OUTCOME_UNKNOWN,
    /** Stop and report the failure. */
    FAIL;

    static AttemptVerdict classify(AttemptFailure failure, Endpoint endpoint, boolean credentialsRefreshed) {
        if (failure instanceof AttemptFailure.NoAnswer noAnswer && !noAnswer.requestSent()) {
            return RETRY; // it never left, so no call can be carried out twice
        }
        if (failure instanceof AttemptFailure.CloudcheckError cloudcheck) {
            CloudcheckApiException error = cloudcheck.error();
            if (error.isCredentialRejection()) {
                // Cloudcheck refused the key or signature, so it did nothing: safe to repeat even a create, once,
                // in case the secret was rotated.
                return credentialsRefreshed ? FAIL : REFRESH_CREDENTIALS;
            }
            if (!error.isTransient()) {
                return FAIL;
            }
        }
        if (endpoint.repeatableOnceSent) {
            return RETRY; // timeouts, dropped connections, 5xx, 429, 111-113, answers cut short
        }
        return mayHaveBeenActedOn(failure) ? OUTCOME_UNKNOWN : FAIL;
    }

    /**
     * Sent and not answered by Cloudcheck's API, or answered and cut short while the answer was read (a create's 200
     * that broke off still made the request); a 429 is not, since it turns requests away.
     */
    private static boolean mayHaveBeenActedOn(AttemptFailure failure) {
        return failure instanceof AttemptFailure.NoAnswer || failure instanceof AttemptFailure.AnswerCutShort
                || failure instanceof AttemptFailure.StatusWithoutError status && status.status() != 429;
    }
}
