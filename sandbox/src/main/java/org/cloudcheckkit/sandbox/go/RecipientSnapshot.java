package org.cloudcheckkit.sandbox.go;

import java.time.Instant;
import java.util.Set;
import org.cloudcheckkit.sandbox.account.Service;

/**
 * A recipient at one moment, safe to read outside its Go request's lock.
 *
 * @param reference   null when the request gave none
 * @param completedAt when the recipient responded or expired; null before
 */
public record RecipientSnapshot(String goApiReference, String recipientToken, String reference, String name,
                                RecipientStatus status, Instant statusDate, VerificationOutcome outcome,
                                Instant completedAt, Set<Service> services, String completeUrl) {
}
