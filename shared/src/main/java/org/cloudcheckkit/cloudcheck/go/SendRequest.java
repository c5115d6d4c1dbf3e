package org.cloudcheckkit.cloudcheck.go;

/** The {@code data} of /go/send/: a test message to the given address or number, or the real messages to every recipient. */
public record SendRequest(String goApiReference, Boolean test, String testEmailAddress, String testMobileNumber) {
}
