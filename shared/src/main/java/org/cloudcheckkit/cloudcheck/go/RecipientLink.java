package org.cloudcheckkit.cloudcheck.go;

/**
 * A recipient's token and link, as add-recipient, edit-recipient and quicksend return them. After an edit the token
 * may be new (email or mobile changed after a send); the old one is then no longer valid.
 */
public record RecipientLink(String goApiReference, String recipientToken, String link) {
}
