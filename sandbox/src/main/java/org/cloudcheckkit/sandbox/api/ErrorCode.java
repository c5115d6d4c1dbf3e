package org.cloudcheckkit.sandbox.api;

/** Cloudcheck's numeric error codes (seed 001), with the HTTP status WIRE.md pins for each. */
public enum ErrorCode {
    ACCESS_KEY(101, 401, "Access key is missing or incorrect."),
    MISSING_FIELD(102, 400, "One of the required fields listed above is missing or empty."),
    TIMESTAMP(103, 401, "The timestamp is older than the maximum allowed. Ensure your timestamp is generated in"
            + " milliseconds since the Epoch."),
    NONCE_REUSED(104, 401, "The supplied nonce parameter has been previously used."),
    UNKNOWN_TOKEN(105, 404, "The supplied verification token is not associated with a verification request for"
            + " this access key."),
    SIGNATURE(106, 401, "The signature calculated does not match the signature supplied."),
    INVALID_FORMAT(107, 400, "A parameter was supplied in an invalid format."),
    NO_PERMISSION(108, 403, "You do not have permission to access this resource."),
    NO_RESULTS(110, 404, "The query did not return any results."),
    QUERY_FAILED(111, 500, "The query failed for an unspecified reason."),
    QUERY_NOT_PERFORMED(112, 500, "The query could not be performed for an unspecified reason."),
    OPERATION_FAILED(113, 500, "The operation could not be performed for an unspecified reason.");

    private final int number;
    private final int httpStatus;
    private final String message;

    ErrorCode(int number, int httpStatus, String message) {
        this.number = number;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    public int number() {
        return number;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String message() {
        return message;
    }
}
