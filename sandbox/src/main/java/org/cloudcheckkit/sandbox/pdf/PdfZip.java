package org.cloudcheckkit.sandbox.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip of PDFs, generating each one while it is written, so a zip of any size streams in constant memory.
 * Entries are stored uncompressed (deflate level 0): a padded test zip is as big as asked for, and cheap to make.
 */
public final class PdfZip {

    public record Entry(String name, PdfDocument document) {
    }

    private PdfZip() {
    }

    /**
     * Writes every entry and the central directory; does not close {@code out}.
     *
     * @param modifiedAt the entries' time stamp, so the same zip written twice has the same bytes
     */
    public static void write(OutputStream out, List<Entry> entries, Instant modifiedAt) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.NO_COMPRESSION);
        for (Entry entry : entries) {
            ZipEntry zipEntry = new ZipEntry(entry.name());
            zipEntry.setLastModifiedTime(FileTime.from(modifiedAt));
            zip.putNextEntry(zipEntry);
            entry.document().writeTo(zip);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
