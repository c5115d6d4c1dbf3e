package org.cloudcheckkit.go;

/**
 * Where the archiving of one result stands: PENDING (to do, or to retry), ARCHIVING (claimed by a worker), ARCHIVED
 * (the PDF and JSON are in S3 under these keys, with these SHA-256s), or FAILED (attempts exhausted; re-drive it).
 * {@code attempts} counts failed attempts since the last success.
 */
public record ArchiveState(String state, int attempts, String lastError, String pdfKey, String jsonKey, String pdfSha256,
                           String jsonSha256, String archivedAt) {

    public static final String PENDING = "PENDING";
    public static final String ARCHIVING = "ARCHIVING";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String FAILED = "FAILED";

    public boolean isArchived() {
        return ARCHIVED.equals(state);
    }
}
