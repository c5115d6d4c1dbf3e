package org.cloudcheckkit.table;

/** A results zip archived in S3: kept for good, whatever later jobs do. */
public record ArchivedZipItem(String goApiReference, String jobToken, String zipKey, String sha256, long size,
                              String archivedAt) {

    static ArchivedZipItem read(Item item) {
        return new ArchivedZipItem(item.string(Attr.GO_API_REFERENCE), item.string(Attr.JOB_TOKEN), item.string(Attr.ZIP_KEY),
                item.string(Attr.SHA256), item.number(Attr.SIZE, 0), item.string(Attr.ARCHIVED_AT));
    }
}
