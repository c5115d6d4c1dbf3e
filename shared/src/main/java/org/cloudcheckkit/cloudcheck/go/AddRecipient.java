package org.cloudcheckkit.cloudcheck.go;

/** The {@code data} of /go/add-recipient/. */
public record AddRecipient(String goApiReference, GoRecipient recipient) {
}
