package org.cloudcheckkit.cloudcheck.go;

/** The answer to /go/send/. */
public record SendOutcome(String goApiReference, Boolean test, Integer emailsSent, Integer smsSent) {
}
