package org.cloudcheckkit.cloudcheck.go;

/** /go/pdfs/generate/: the token to retrieve the zip with once it is ready. */
public record PdfJob(String token) {
}
