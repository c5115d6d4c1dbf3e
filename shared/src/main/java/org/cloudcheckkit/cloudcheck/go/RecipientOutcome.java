package org.cloudcheckkit.cloudcheck.go;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What /go/create/ made of one recipient: loaded with a token and link, or refused with a Go error code. */
public sealed interface RecipientOutcome {

    String reference();

    record Accepted(String reference, String recipientToken, String link, String status) implements RecipientOutcome {
    }

    /** {@code code} is one of INVALID_PHONE_NUMBER, INVALID_DATE_OF_BIRTH, INVALID_ADDRESS, MISSING_SERVICE, SERVICE_NOT_AVAILABLE. */
    record Rejected(String reference, @JsonProperty("error") String code, String message) implements RecipientOutcome {
    }
}
