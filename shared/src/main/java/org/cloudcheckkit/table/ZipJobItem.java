package org.cloudcheckkit.table;

import java.time.Instant;
import org.cloudcheckkit.api.Owner;

/**
 * A Go request's current results zip job: GENERATING (Cloudcheck is making it; {@code jobToken} is null until
 * /go/pdfs/generate/ answered), ARCHIVED (in S3 under {@code zipKey}), or FAILED (attempts ran out). One per request
 * at a time; every zip archived is also kept as an {@link ArchivedZipItem}, so a new job never loses an older zip.
 */
public record ZipJobItem(String goApiReference, String state, String jobToken, String requestedAt, Integer complete,
                         Integer total, int regenerations, int attempts, String lastError, Owner owner, String zipKey,
                         String sha256, Long size, String archivedAt, Instant leaseUntil) {

    public static final String GENERATING = "GENERATING";
    public static final String ARCHIVED = "ARCHIVED";
    public static final String FAILED = "FAILED";

    public ItemKey.ZipJob key() {
        return new ItemKey.ZipJob(goApiReference);
    }

    public boolean isGenerating() {
        return GENERATING.equals(state);
    }

    static ZipJobItem read(Item item) {
        return new ZipJobItem(item.string(Attr.GO_API_REFERENCE), item.string(Attr.STATE), item.string(Attr.JOB_TOKEN),
                item.string(Attr.REQUESTED_AT), item.number(Attr.COMPLETE).map(Long::intValue).orElse(null),
                item.number(Attr.TOTAL).map(Long::intValue).orElse(null), item.integer(Attr.REGENERATIONS, 0),
                item.integer(Attr.ATTEMPTS, 0), item.string(Attr.LAST_ERROR), Owners.read(item),
                item.string(Attr.ZIP_KEY), item.string(Attr.SHA256), item.number(Attr.SIZE).orElse(null),
                item.string(Attr.ARCHIVED_AT), item.number(Attr.LEASE_UNTIL).map(Instant::ofEpochMilli).orElse(null));
    }
}
