package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/**
 * The answer to /go/create/; outcomes are in the order the recipients were sent. Seed 000 promises only the
 * goApiReference, so {@code recipients} is what the answer listed - possibly nothing, possibly without tokens.
 */
public record GoCreated(String goApiReference, String reference, List<RecipientOutcome> recipients) {

    public List<RecipientOutcome.Accepted> accepted() {
        return recipients.stream()
                .filter(RecipientOutcome.Accepted.class::isInstance)
                .map(RecipientOutcome.Accepted.class::cast)
                .toList();
    }

    /**
     * True when the answer listed the recipients with a token for every one it loaded. When false, the tokens are
     * Cloudcheck's to tell through /go/results/: a successful create loaded at least one recipient.
     */
    public boolean tokensListed() {
        return !recipients.isEmpty() && accepted().stream().allMatch(recipient -> recipient.token().isPresent());
    }
}
