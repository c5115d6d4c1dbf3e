package org.cloudcheckkit.cloudcheck;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A PDF or zip body still on the wire. It is streamed to whoever reads it (a results zip can be hundreds of MB) and
 * must be closed, which also frees the connection.
 */
public final class Download implements Closeable {
    private final String contentType;
    private final String declaredContentType;
    private final long contentLength;
    private final InputStream body;

    Download(String contentType, String declaredContentType, long contentLength, InputStream body) {
        this.contentType = contentType;
        this.declaredContentType = declaredContentType;
        this.contentLength = contentLength;
        this.body = body;
    }

    /** What the body is, by its first bytes: {@code application/pdf} or {@code application/zip}. */
    public String contentType() {
        return contentType;
    }

    /** The Content-Type header exactly as Cloudcheck sent it, or null when it sent none. */
    public String declaredContentType() {
        return declaredContentType;
    }

    /** The length Cloudcheck declared, if it declared one (a chunked zip has none). */
    public OptionalLong contentLength() {
        return contentLength < 0 ? OptionalLong.empty() : OptionalLong.of(contentLength);
    }

    /** The body, starting with its first byte ({@code %PDF-} or {@code PK}, already checked). */
    public InputStream stream() {
        return body;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
