package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/** The answer to /go/cancel-recipient/. */
public record CancelledRecipients(String goApiReference, List<String> cancelled) {
}
