package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/** The answer to /go/create/; outcomes are in the order the recipients were sent. */
public record GoCreated(String goApiReference, String reference, List<RecipientOutcome> recipients) {

    public List<RecipientOutcome.Accepted> accepted() {
        return recipients.stream()
                .filter(RecipientOutcome.Accepted.class::isInstance)
                .map(RecipientOutcome.Accepted.class::cast)
                .toList();
    }
}
