package org.cloudcheckkit.table;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One version of a result's evidence, as archived: its objects and their SHA-256s, when, at which status, and why it
 * was written (the first archive, a review, a response after expiry...). Versions are only ever added.
 */
public record ArchivedVersion(int version, String pdfKey, String pdfSha256, String jsonKey, String jsonSha256,
                              String archivedAt, String status, String reason) {

    AttributeValue toAttribute() {
        return AttributeValue.fromM(Item.builder()
                .put(Attr.VERSION, version)
                .put(Attr.PDF_KEY, pdfKey).put(Attr.PDF_SHA256, pdfSha256)
                .put(Attr.JSON_KEY, jsonKey).put(Attr.JSON_SHA256, jsonSha256)
                .put(Attr.ARCHIVED_AT, archivedAt).put(Attr.STATUS, status).put(Attr.REASON, reason)
                .build());
    }

    static ArchivedVersion read(Item item) {
        return new ArchivedVersion(item.integer(Attr.VERSION, 1), item.string(Attr.PDF_KEY), item.string(Attr.PDF_SHA256),
                item.string(Attr.JSON_KEY), item.string(Attr.JSON_SHA256), item.string(Attr.ARCHIVED_AT),
                item.string(Attr.STATUS), item.string(Attr.REASON));
    }
}
