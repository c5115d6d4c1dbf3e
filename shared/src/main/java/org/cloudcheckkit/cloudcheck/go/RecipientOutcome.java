package org.cloudcheckkit.cloudcheck.go;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Optional;

/** What /go/create/ made of one recipient: loaded, or refused with a Go error code. */
public sealed interface RecipientOutcome {

    String reference();

    /**
     * A recipient Cloudcheck loaded. Seed 000 promises no token or link in a create's answer, so either may be null:
     * the token is then read from /go/results/ (see {@link GoCreated#tokensListed()}).
     */
    record Accepted(String reference, String recipientToken, String link, String status) implements RecipientOutcome {

        public Optional<String> token() {
            return Optional.ofNullable(recipientToken).filter(token -> !token.isBlank());
        }
    }

    /** {@code code} is one of INVALID_PHONE_NUMBER, INVALID_DATE_OF_BIRTH, INVALID_ADDRESS, MISSING_SERVICE, SERVICE_NOT_AVAILABLE. */
    record Rejected(String reference, @JsonProperty("error") String code, String message) implements RecipientOutcome {
    }
}
