package org.cloudcheckkit.sandbox.pdf;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * A one-page PDF of Helvetica text lines, written by hand (PDF 1.4, uncompressed) straight to a stream. Optional
 * padding goes into a second content stream of blank lines, so a document of any size stays valid and is never held in
 * memory.
 */
public final class PdfDocument {

    private static final int OBJECT_COUNT = 7;
    private static final int PAGE_TOP = 790;
    private static final int MARGIN = 56;
    private static final byte[] PADDING_LINE;
    private static final DateTimeFormatter PDF_DATE = DateTimeFormatter.ofPattern("'D:'yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    static {
        PADDING_LINE = new byte[64];
        Arrays.fill(PADDING_LINE, (byte) ' ');
        PADDING_LINE[PADDING_LINE.length - 1] = '\n';
    }

    private final String title;
    private final List<String> lines;
    private final long paddingBytes;
    private final Instant createdAt;

    public PdfDocument(String title, List<String> lines, long paddingBytes, Instant createdAt) {
        if (paddingBytes < 0) {
            throw new IllegalArgumentException("paddingBytes must not be negative");
        }
        this.title = title;
        this.lines = List.copyOf(lines);
        this.paddingBytes = paddingBytes;
        this.createdAt = createdAt;
    }

    /** Writes the whole document; does not close {@code target}. */
    public void writeTo(OutputStream target) throws IOException {
        PositionedOutput out = new PositionedOutput(target);
        long[] offsets = new long[OBJECT_COUNT + 1];
        out.ascii("%PDF-1.4\n");
        // A comment of high-bit bytes tells transfer tools that the file is binary.
        out.write(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        offsets[1] = object(out, 1, "<< /Type /Catalog /Pages 2 0 R >>");
        offsets[2] = object(out, 2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        offsets[3] = object(out, 3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
                + " /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>");
        offsets[4] = object(out, 4, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica"
                + " /Encoding /WinAnsiEncoding >>");
        byte[] text = textContent();
        offsets[5] = out.position();
        out.ascii("5 0 obj\n<< /Length " + text.length + " >>\nstream\n");
        out.write(text);
        out.ascii("\nendstream\nendobj\n");
        offsets[6] = out.position();
        out.ascii("6 0 obj\n<< /Length " + paddingBytes + " >>\nstream\n");
        writePadding(out);
        out.ascii("\nendstream\nendobj\n");
        offsets[7] = object(out, 7, "<< /Title " + literal(title) + " /Producer (Cloudcheck sandbox)"
                + " /CreationDate (" + PDF_DATE.format(createdAt) + ") >>");
        long xref = out.position();
        StringBuilder table = new StringBuilder("xref\n0 " + (OBJECT_COUNT + 1) + "\n0000000000 65535 f\r\n");
        for (int i = 1; i <= OBJECT_COUNT; i++) {
            table.append(String.format("%010d 00000 n\r\n", offsets[i]));
        }
        table.append("trailer\n<< /Size ").append(OBJECT_COUNT + 1).append(" /Root 1 0 R /Info 7 0 R >>\n")
                .append("startxref\n").append(xref).append("\n%%EOF\n");
        out.ascii(table.toString());
        out.flush();
    }

    private byte[] textContent() {
        StringBuilder content = new StringBuilder("BT\n/F1 16 Tf\n")
                .append(MARGIN).append(' ').append(PAGE_TOP).append(" Td\n")
                .append(literal(title)).append(" Tj\n/F1 11 Tf\n0 -30 Td\n");
        for (String line : lines) {
            content.append(literal(line)).append(" Tj\n0 -17 Td\n");
        }
        content.append("ET");
        return content.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void writePadding(OutputStream out) throws IOException {
        byte[] block = new byte[PADDING_LINE.length * 1024];
        for (int i = 0; i < block.length; i += PADDING_LINE.length) {
            System.arraycopy(PADDING_LINE, 0, block, i, PADDING_LINE.length);
        }
        long left = paddingBytes;
        while (left > 0) {
            int chunk = (int) Math.min(left, block.length);
            out.write(block, 0, chunk);
            left -= chunk;
        }
    }

    private static long object(PositionedOutput out, int number, String dictionary) throws IOException {
        long offset = out.position();
        out.ascii(number + " 0 obj\n" + dictionary + "\nendobj\n");
        return offset;
    }

    /** A PDF literal string in WinAnsi: Latin-1 letters as octal escapes, anything beyond Latin-1 as '?'. */
    static String literal(String text) {
        StringBuilder literal = new StringBuilder("(");
        text.codePoints().forEach(c -> {
            if (c == '(' || c == ')' || c == '\\') {
                literal.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7F) {
                literal.append((char) c);
            } else if (c >= 0xA0 && c <= 0xFF) {
                literal.append('\\').append(Integer.toOctalString(c));
            } else {
                literal.append('?');
            }
        });
        return literal.append(')').toString();
    }

    /** Counts bytes written so the xref table can give each object's offset. */
    private static final class PositionedOutput extends FilterOutputStream {
        private long position;

        private PositionedOutput(OutputStream out) {
            super(out);
        }

        long position() {
            return position;
        }

        void ascii(String text) throws IOException {
            write(text.getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            position++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            position += length;
        }
    }
}
