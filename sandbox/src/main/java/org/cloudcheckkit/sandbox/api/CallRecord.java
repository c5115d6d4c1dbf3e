package org.cloudcheckkit.sandbox.api;

import java.time.Instant;

/**
 * One API call as the sandbox saw it.
 *
 * @param key        the key parameter as sent (may be unknown or null)
 * @param error      the Cloudcheck error code answered, or 0
 * @param httpStatus the HTTP status answered, or 0 when the connection was dropped
 * @param fault      the injected fault that shaped the answer, or null
 */
public record CallRecord(Instant at, String method, String path, String key, int error, int httpStatus,
                         String fault) {

    /** Answered 2xx without an error code; a call held by a TIMEOUT fault still succeeds when processed. */
    public boolean succeeded() {
        return error == 0 && httpStatus >= 200 && httpStatus < 300;
    }
}
