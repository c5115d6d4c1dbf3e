package org.cloudcheckkit.archive;

/** An object in the archive bucket: its key, SHA-256 (hex) and size in bytes. */
public record ArchivedObject(String key, String sha256, long size) {
}
