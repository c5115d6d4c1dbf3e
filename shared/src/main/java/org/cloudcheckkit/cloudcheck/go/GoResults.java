package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/** /go/results/: every recipient's current status. */
public record GoResults(String goApiReference, String reference, List<RecipientSummary> recipients) {

    public record RecipientSummary(String recipientToken, String reference, String status, String statusDate, String link) {
    }
}
