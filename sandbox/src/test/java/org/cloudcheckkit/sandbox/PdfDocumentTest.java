package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.cloudcheckkit.sandbox.pdf.PdfDocument;
import org.junit.jupiter.api.Test;

/** The hand-written PDF: a viewer must find every object through the xref table, whatever the padding. */
class PdfDocumentTest {

    private static final Instant CREATED = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void xrefTrailerAndStartxrefLeadToEveryObject() throws IOException {
        byte[] pdf = write(new PdfDocument("Title", List.of("Reference: cust-1", "Outcome: PASS"), 0, CREATED));

        PdfStructure structure = PdfStructure.check(pdf);

        assertEquals(List.of("Title", "Reference: cust-1", "Outcome: PASS"), structure.shownText());
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("/Info 7 0 R"));
        assertTrue(text.contains("/CreationDate (D:20261122101530Z)"));
    }

    @Test
    void paddingKeepsTheDocumentValid() throws IOException {
        int padding = 1_000_003;

        byte[] padded = write(new PdfDocument("Padded", List.of("line"), padding, CREATED));
        byte[] plain = write(new PdfDocument("Padded", List.of("line"), 0, CREATED));

        PdfStructure.check(padded);
        String text = new String(padded, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("6 0 obj\n<< /Length " + padding + " >>\nstream\n");
        assertTrue(start > 0);
        int data = text.indexOf("stream\n", start) + "stream\n".length();
        assertTrue(text.substring(data, data + padding).isBlank());
        assertTrue(padded.length - plain.length >= padding);
    }

    @Test
    void textIsEscapedForPdfLiteralStrings() throws IOException {
        byte[] pdf = write(new PdfDocument("T", List.of("a (b) \\ c", "Café", "Māori"), 0, CREATED));

        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("(a \\(b\\) \\\\ c) Tj"));
        assertTrue(text.contains("(Caf\\351) Tj"));
        assertTrue(text.contains("(M?ori) Tj"));
        assertEquals("a (b) \\ c", PdfStructure.check(pdf).shownText().get(1));
    }

    private static byte[] write(PdfDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.writeTo(out);
        return out.toByteArray();
    }
}
