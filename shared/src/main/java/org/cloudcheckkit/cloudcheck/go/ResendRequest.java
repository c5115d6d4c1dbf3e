package org.cloudcheckkit.cloudcheck.go;

/** The {@code data} of /go/resend/. */
public record ResendRequest(String goApiReference, String recipientToken) {
}
