package org.cloudcheckkit.cloudcheck.go;

/** The answer to /go/resend/; {@code result} is SUCCESS when the message went out again. */
public record ResendOutcome(String goApiReference, String recipientToken, String result) {
}
