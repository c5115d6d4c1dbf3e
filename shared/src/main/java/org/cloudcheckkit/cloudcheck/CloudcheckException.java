package org.cloudcheckkit.cloudcheck;

import java.util.List;

/**
 * Every way a Cloudcheck call can fail, as one hierarchy: what Cloudcheck said ({@link CloudcheckApiException}),
 * no usable answer ({@link CloudcheckUnavailableException}), an answer that may or may not have been acted on
 * ({@link CloudcheckOutcomeUnknownException}), or an answer we cannot read ({@link CloudcheckProtocolException}).
 * Each carries a code, Cloudcheck's message, and the fields in error; none carries request data or credentials.
 */
public abstract sealed class CloudcheckException extends RuntimeException
        permits CloudcheckApiException, CloudcheckUnavailableException, CloudcheckOutcomeUnknownException,
        CloudcheckProtocolException {

    private final String path;
    private final String code;
    private final List<String> fields;
    private final List<String> errorDetail;

    protected CloudcheckException(String path, String code, String message, List<String> fields, List<String> errorDetail,
                                  Throwable cause) {
        super(path + ": " + code + " " + message, cause);
        this.path = path;
        this.code = code;
        this.fields = List.copyOf(fields);
        this.errorDetail = List.copyOf(errorDetail);
    }

    /** The Cloudcheck path that was called, e.g. {@code /go/create/}. */
    public String path() {
        return path;
    }

    /** Cloudcheck's numeric code as text ("106"), a Go recipient code ("INVALID_ADDRESS"), or this project's own. */
    public String code() {
        return code;
    }

    public List<String> fields() {
        return fields;
    }

    public List<String> errorDetail() {
        return errorDetail;
    }

    /** Cloudcheck's own description, without the path and code this exception's message adds. */
    public String cloudcheckMessage() {
        String message = getMessage();
        return message.substring(path.length() + 2 + code.length() + 1);
    }
}
