package org.cloudcheckkit.table;

import java.util.Locale;

/**
 * Where the archiving of one result stands: PENDING (to do, or to retry), ARCHIVING (claimed: {@code leaseHolder}
 * holds it until {@code leaseUntil}), ARCHIVED (the PDF and JSON are in S3 under these keys, with these SHA-256s), or
 * FAILED (attempts exhausted; re-drive it). {@code attempts} counts failed attempts since the last success, a lease
 * that ran out included.
 */
public record ArchiveState(String state, int attempts, String lastError, String pdfKey, String jsonKey, String pdfSha256,
                           String jsonSha256, String archivedAt, String leaseHolder, String leaseUntil) {

    public static final String PENDING = "PENDING";
    public static final String ARCHIVING = "ARCHIVING";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String FAILED = "FAILED";

    public boolean isArchived() {
        return ARCHIVED.equals(state);
    }

    public boolean isFailed() {
        return FAILED.equals(state);
    }

    /** For a person: "archiving", "failed, last error: ...". */
    public String describe() {
        return state.toLowerCase(Locale.ROOT) + (lastError == null ? "" : ", last error: " + lastError);
    }

    static ArchiveState read(Item item) {
        String state = item.string(Attr.ARCHIVE_STATE);
        if (state == null) {
            return null;
        }
        return new ArchiveState(state, item.integer(Attr.ATTEMPTS, 0), item.string(Attr.ARCHIVE_ERROR),
                item.string(Attr.PDF_KEY), item.string(Attr.JSON_KEY), item.string(Attr.PDF_SHA256),
                item.string(Attr.JSON_SHA256), item.string(Attr.ARCHIVED_AT), item.string(Attr.LEASE_HOLDER),
                item.number(Attr.LEASE_UNTIL).map(millis -> java.time.Instant.ofEpochMilli(millis).toString()).orElse(null));
    }
}
