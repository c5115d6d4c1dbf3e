package org.cloudcheckkit.cloudcheck;

import java.util.List;
import java.util.OptionalInt;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;

/**
 * Cloudcheck answered with an error object (top level or one level down): a numeric code 101-113, and for Go
 * recipients a recipient code and the per-recipient outcomes when a create had no valid recipient.
 */
public final class CloudcheckApiException extends CloudcheckException {
    private final Integer numericCode;
    private final String recipientCode;
    private final int httpStatus;
    private final List<RecipientOutcome> recipients;

    public CloudcheckApiException(String path, Integer numericCode, String recipientCode, String message,
                                  List<String> fields, List<String> errorDetail, int httpStatus,
                                  List<RecipientOutcome> recipients) {
        super(path, codeText(numericCode, recipientCode), message, fields, errorDetail, null);
        this.numericCode = numericCode;
        this.recipientCode = recipientCode;
        this.httpStatus = httpStatus;
        this.recipients = List.copyOf(recipients);
    }

    public OptionalInt numericCode() {
        return numericCode == null ? OptionalInt.empty() : OptionalInt.of(numericCode);
    }

    public boolean hasCode(int code) {
        return numericCode != null && numericCode == code;
    }

    /** The Go recipient code (INVALID_PHONE_NUMBER, ...) when the error is about a recipient, else null. */
    public String recipientCode() {
        return recipientCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** For a create with no valid recipient: what Cloudcheck made of each one, in order. Otherwise empty. */
    public List<RecipientOutcome> recipients() {
        return recipients;
    }

    /**
     * 105 (the token is not associated with a request for this key), or seed 000's "Missing or invalid token", which
     * is known by its message alone: the seed gives it no code.
     */
    public boolean isMissingOrInvalidToken() {
        return hasCode(105) || Answers.isMissingOrInvalidToken(cloudcheckMessage());
    }

    /** 111-113: Cloudcheck could not do it this time, for an unspecified reason; another attempt may succeed. */
    public boolean isTransient() {
        return numericCode != null && numericCode >= 111 && numericCode <= 113;
    }

    /** 101 or 106: our key or signature was refused, which a rotated secret explains. */
    public boolean isCredentialRejection() {
        return hasCode(101) || hasCode(106);
    }

    private static String codeText(Integer numericCode, String recipientCode) {
        if (numericCode != null) {
            return numericCode.toString();
        }
        return recipientCode == null ? "UNKNOWN" : recipientCode;
    }
}
