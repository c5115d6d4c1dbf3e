package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/** The {@code data} of /go/cancel-recipient/. */
public record CancelRecipients(String goApiReference, List<String> recipientTokens) {
}
