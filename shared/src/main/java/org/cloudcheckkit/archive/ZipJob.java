package org.cloudcheckkit.archive;

/**
 * A results zip job as the front end sees it: GENERATING (Cloudcheck is making it; {@code complete} of {@code total}),
 * ARCHIVED (in S3; {@code url} is a short-lived download link), or FAILED (attempts ran out; POST again or re-drive).
 */
public record ZipJob(String goApiReference, String state, String jobToken, String requestedAt, Integer complete,
                     Integer total, int regenerations, String zipKey, String sha256, Long size, String archivedAt,
                     String lastError, String url) {
}
