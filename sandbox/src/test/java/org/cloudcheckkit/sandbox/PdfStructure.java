package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a PDF's structure back the way a viewer would: from startxref, through the xref table, to each object. */
final class PdfStructure {

    private static final Pattern STARTXREF = Pattern.compile("startxref\n(\\d+)\n%%EOF\n$");
    private static final Pattern SHOWN_TEXT = Pattern.compile("\\(((?:[^()\\\\]|\\\\.)*)\\) Tj");

    private final String text;

    private PdfStructure(byte[] pdf) {
        // Latin-1 maps every byte to one char, so string offsets are byte offsets.
        this.text = new String(pdf, StandardCharsets.ISO_8859_1);
    }

    /** Checks header, xref offsets, trailer and startxref; answers the parsed document. */
    static PdfStructure check(byte[] pdf) {
        PdfStructure structure = new PdfStructure(pdf);
        structure.checkStructure();
        return structure;
    }

    /** The strings the page shows, in order. */
    List<String> shownText() {
        List<String> shown = new ArrayList<>();
        Matcher matcher = SHOWN_TEXT.matcher(text);
        while (matcher.find()) {
            shown.add(matcher.group(1).replaceAll("\\\\(.)", "$1"));
        }
        return shown;
    }

    private void checkStructure() {
        assertTrue(text.startsWith("%PDF-1.4\n"), "header");
        Matcher startxref = STARTXREF.matcher(text);
        assertTrue(startxref.find(), "startxref and %%EOF at the end");
        int xref = Integer.parseInt(startxref.group(1));
        assertTrue(text.startsWith("xref\n0 ", xref), "startxref points at the xref table");
        String[] header = text.substring(xref, text.indexOf('\n', xref + 5)).split("[ \n]");
        int size = Integer.parseInt(header[2]);
        int entries = text.indexOf('\n', xref + 5) + 1;
        assertEquals("0000000000 65535 f\r\n", text.substring(entries, entries + 20));
        for (int object = 1; object < size; object++) {
            String entry = text.substring(entries + 20 * object, entries + 20 * (object + 1));
            assertTrue(entry.matches("\\d{10} 00000 n\r\n"), "xref entry " + object + ": " + entry);
            int offset = Integer.parseInt(entry.substring(0, 10));
            assertTrue(text.startsWith(object + " 0 obj\n", offset), "object " + object + " at " + offset);
        }
        String trailer = text.substring(entries + 20 * size);
        assertTrue(trailer.startsWith("trailer\n<< /Size " + size + " /Root 1 0 R"), trailer);
        checkStreamLengths();
    }

    /** Each stream's /Length must be the exact byte count up to "endstream". */
    private void checkStreamLengths() {
        Matcher stream = Pattern.compile("<< /Length (\\d+) >>\nstream\n").matcher(text);
        int streams = 0;
        while (stream.find()) {
            int end = stream.end() + Integer.parseInt(stream.group(1));
            assertTrue(text.startsWith("\nendstream\n", end), "stream length at " + stream.start());
            streams++;
        }
        assertEquals(2, streams);
    }
}
