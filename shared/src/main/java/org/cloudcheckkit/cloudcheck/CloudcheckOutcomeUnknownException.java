package org.cloudcheckkit.cloudcheck;

import java.util.List;

/**
 * A call that must not be repeated (create, quicksend, add-recipient, send, resend, Akahu initiate) was sent, but no
 * answer came back. Cloudcheck may have acted on it: repeating it could bill a second Go request and message the
 * customer twice, so the caller has to find out (e.g. from /go/results/) instead of retrying blindly.
 */
public final class CloudcheckOutcomeUnknownException extends CloudcheckException {

    public CloudcheckOutcomeUnknownException(String path, String message, Throwable cause) {
        super(path, "OUTCOME_UNKNOWN", message, List.of(), List.of(), cause);
    }
}
