package org.cloudcheckkit.archive;

import java.util.List;

/**
 * A results zip job as the front end sees it: GENERATING (Cloudcheck is making it; {@code complete} of {@code total}),
 * ARCHIVED (in S3; {@code url} is a short-lived download link), or FAILED (attempts ran out; POST again or re-drive).
 * {@code archives} lists every zip archived for the request, newest first, each with its own link.
 */
public record ZipJob(String goApiReference, String state, String jobToken, String requestedAt, Integer complete,
                     Integer total, int regenerations, String zipKey, String sha256, Long size, String archivedAt,
                     String lastError, String url, List<Archived> archives) {

    /** A zip archived for this request, kept whatever later jobs do. */
    public record Archived(String zipKey, String sha256, long size, String archivedAt, String url) {
    }
}
