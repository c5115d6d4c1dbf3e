package org.cloudcheckkit.sandbox.api;

import java.time.Instant;

/**
 * A PDF or zip the sandbox finished streaming: its endpoint, the token or reference asked for, and the SHA-256 and
 * size of the exact bytes sent. Documents carry the time they were generated, so two fetches differ; this is how a
 * test checks that an archived copy is the one that was served.
 */
public record ServedDocument(Instant at, String path, String subject, String contentType, String sha256, long size) {
}
