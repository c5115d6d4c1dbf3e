package org.cloudcheckkit.cloudcheck.go;

/** The {@code data} of /go/edit-recipient/: the recipient is replaced whole by these details. */
public record EditRecipient(String goApiReference, String recipientToken, GoRecipient recipient) {
}
