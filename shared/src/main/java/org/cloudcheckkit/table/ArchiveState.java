package org.cloudcheckkit.table;

import java.util.List;
import java.util.Locale;

/**
 * Where the archiving of one result stands: PENDING (to do, or to retry), ARCHIVING (claimed: {@code leaseHolder}
 * holds it until {@code leaseUntil}), ARCHIVED, or FAILED (attempts exhausted; re-drive it). {@code attempts} counts
 * failed attempts since the last success, a lease that ran out included. The keys, SHA-256s and time are the latest
 * version's - {@code version} of them, all listed in {@code versions} - which downloads give even while a newer one
 * is being written.
 */
public record ArchiveState(String state, int attempts, String lastError, String pdfKey, String jsonKey, String pdfSha256,
                           String jsonSha256, String archivedAt, String leaseHolder, String leaseUntil, int version,
                           List<ArchivedVersion> versions) {

    public static final String PENDING = "PENDING";
    public static final String ARCHIVING = "ARCHIVING";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String FAILED = "FAILED";

    public boolean isArchived() {
        return ARCHIVED.equals(state);
    }

    /** Whether some version is archived, whatever is happening to the next one. */
    public boolean hasArchivedVersion() {
        return pdfKey != null;
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
                item.number(Attr.LEASE_UNTIL).map(millis -> java.time.Instant.ofEpochMilli(millis).toString()).orElse(null),
                item.integer(Attr.VERSION, item.string(Attr.PDF_KEY) == null ? 0 : 1),
                item.list(Attr.VERSIONS).stream().map(value -> ArchivedVersion.read(Item.of(value.m()))).toList());
    }
}
