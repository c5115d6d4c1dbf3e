package org.cloudcheckkit.cloudcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLStreamHandler;
import java.time.Duration;

/**
 * One HTTP exchange over {@link HttpURLConnection}: the JDK's own client, already loaded by the AWS SDK's, with
 * per-read timeouts, idle connections dropped after seconds (so a Lambda thawed after a pause does not reuse a dead
 * one), and an explicit connect step, which is what tells "never sent" (safe to retry anything) from "may have
 * arrived". POST bodies are buffered rather than streamed, because in streaming mode the JDK throws away the body of a
 * 401, which is where Cloudcheck says 101 or 106; {@link PostRetryGuard} keeps buffered POSTs from being re-sent.
 */
final class HttpTransport {
    private static final String USER_AGENT = "cloudcheck-serverless/0.1";

    static {
        PostRetryGuard.install();
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    /** Opens the connections; null for the network, as for every real call (SnapStart priming's are in memory). */
    private final URLStreamHandler connections;

    HttpTransport(Duration connectTimeout, Duration readTimeout, URLStreamHandler connections) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.connections = connections;
    }

    Response exchange(String method, URI uri, byte[] formBody, Duration timeLeft) throws TransportFailure {
        HttpURLConnection connection;
        try {
            URL url = connections == null ? uri.toURL() : new URL(null, uri.toString(), connections);
            connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(millis(shorter(connectTimeout, timeLeft)));
            connection.setReadTimeout(millis(shorter(readTimeout, timeLeft)));
            // A redirect would carry signed parameters to another host; Cloudcheck's API never redirects.
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
            connection.setRequestProperty("Accept", "application/json, application/pdf, application/zip");
            connection.setRequestProperty("User-Agent", USER_AGENT);
            if (formBody != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
            }
            connection.connect();
        } catch (IOException e) {
            throw new TransportFailure(false, e instanceof SocketTimeoutException, e);
        }
        try {
            if (formBody != null) {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(formBody);
                }
            }
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Response(status, connection.getContentType(), connection.getContentLengthLong(),
                    connection.getHeaderField("Retry-After"), body == null ? InputStream.nullInputStream() : body);
        } catch (IOException e) {
            connection.disconnect();
            throw new TransportFailure(true, e instanceof SocketTimeoutException, e);
        }
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int millis(Duration duration) {
        // 0 means "no timeout" to HttpURLConnection; an exhausted deadline must mean "at once" instead.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    record Response(int status, String contentType, long contentLength, String retryAfter, InputStream body) {

        /** The same answer read from another stream: its first bytes, once looked at, put back in front. */
        Response withBody(InputStream replacement) {
            return new Response(status, contentType, contentLength, retryAfter, replacement);
        }

        String mediaType() {
            if (contentType == null) {
                return "";
            }
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The exchange failed; {@code requestSent} is false only when the connection was never made. */
    static final class TransportFailure extends Exception {
        private final boolean requestSent;
        private final boolean timedOut;

        TransportFailure(boolean requestSent, boolean timedOut, IOException cause) {
            super(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
            this.requestSent = requestSent;
            this.timedOut = timedOut;
        }

        boolean requestSent() {
            return requestSent;
        }

        boolean timedOut() {
            return timedOut;
        }
    }
}
