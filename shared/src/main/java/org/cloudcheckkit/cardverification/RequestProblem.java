package org.cloudcheckkit.cardverification;

/**
 * One thing wrong with an initiate-verification request: the field's path ({@code consumer.device.serialNumber},
 * {@code consumer.ipAddresses[1]}; {@code body} for the body as a whole), a stable code, and a message that names
 * the field and the rule but never repeats the value sent (it may be an access token or personal data).
 */
public record RequestProblem(String field, String code, String message) {
    public static final String MISSING_FIELD = "MISSING_FIELD";
    public static final String INVALID_TYPE = "INVALID_TYPE";
    public static final String INVALID_LENGTH = "INVALID_LENGTH";
    public static final String INVALID_FORMAT = "INVALID_FORMAT";
    public static final String OUT_OF_RANGE = "OUT_OF_RANGE";
    public static final String UNKNOWN_CURRENCY = "UNKNOWN_CURRENCY";
    public static final String UNKNOWN_FIELD = "UNKNOWN_FIELD";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String MALFORMED_BODY = "MALFORMED_BODY";
    public static final String BODY_TOO_LARGE = "BODY_TOO_LARGE";
    /** The field path used for the body as a whole. */
    public static final String BODY = "body";
}
