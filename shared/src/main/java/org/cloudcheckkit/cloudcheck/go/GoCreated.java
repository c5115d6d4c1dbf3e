package org.cloudcheckkit.cloudcheck.go;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * This answer with the tokens (and links) /go/results/ lists for the request. A loaded recipient the answer named
     * without a token takes the listed recipient of its reference - or, having none, the next one not taken, in order;
     * one whose reference is not listed stays without (the reconciler adopts it from the list later). An answer that
     * named no recipient becomes the list itself.
     */
    public GoCreated withTokensFrom(GoResults listed) {
        List<GoResults.RecipientSummary> untaken = new ArrayList<>(listed.recipients());
        accepted().forEach(known -> known.token()
                .ifPresent(token -> untaken.removeIf(summary -> token.equals(summary.recipientToken()))));
        if (recipients.isEmpty()) {
            return new GoCreated(goApiReference, reference, untaken.stream().map(summary -> (RecipientOutcome)
                    new RecipientOutcome.Accepted(summary.reference(), summary.recipientToken(), summary.link(),
                            summary.status())).toList());
        }
        List<RecipientOutcome> filled = new ArrayList<>();
        for (RecipientOutcome outcome : recipients) {
            if (!(outcome instanceof RecipientOutcome.Accepted loaded) || loaded.token().isPresent()) {
                filled.add(outcome);
                continue;
            }
            Optional<GoResults.RecipientSummary> match = untaken.stream()
                    .filter(summary -> loaded.reference() == null || Objects.equals(summary.reference(), loaded.reference()))
                    .findFirst();
            match.ifPresent(untaken::remove);
            filled.add(match.<RecipientOutcome>map(summary -> new RecipientOutcome.Accepted(loaded.reference(),
                    summary.recipientToken(), loaded.link() != null ? loaded.link() : summary.link(), loaded.status()))
                    .orElse(loaded));
        }
        return new GoCreated(goApiReference, reference, filled);
    }
}
