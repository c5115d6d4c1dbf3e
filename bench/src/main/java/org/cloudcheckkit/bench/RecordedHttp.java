package org.cloudcheckkit.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The network, taken out of a warm invocation. Everything this service sends over HTTP - the AWS SDK's
 * url-connection client and the Cloudcheck client alike - goes through {@link HttpURLConnection}; this installs a
 * {@code http:} handler in the JVM that can, per phase:
 * <ul>
 * <li>{@link Mode#PASS}: send it on the real network, untouched (warm-up invocations against moto and the sandbox);</li>
 * <li>{@link Mode#RECORD}: send it on the real network and keep each exchange, in order;</li>
 * <li>{@link Mode#REPLAY}: answer each request at once from the recording, in the same order, after checking that it
 * is the same call (method, path, X-Amz-Target).</li>
 * </ul>
 * So a replayed invocation runs all of our code and all of the SDK's (marshalling, SigV4 signing, checksums,
 * unmarshalling) and the Cloudcheck client's (signing, form encoding, JSON), with every answer a real one that moto or
 * the sandbox gave for the same step, but no socket, no server and no JDK HTTP wire code: that is "the network
 * subtracted". Counting writes at this layer counts the requests DynamoDB would bill.
 */
final class RecordedHttp implements URLStreamHandlerFactory {
    enum Mode { PASS, RECORD, REPLAY }

    /** DynamoDB operations that write (what the 500-recipient target counts). */
    private static final Set<String> DYNAMODB_WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    private static RecordedHttp installed;

    /** A URL made before the factory is set keeps the JDK's own http handler; new URLs resolved against it do too. */
    private final URL jdkHttp;
    private volatile Mode mode = Mode.PASS;
    private final List<Exchange> recording = new ArrayList<>();
    private int cursor;
    private final Map<String, Integer> calls = new TreeMap<>();
    /** Time spent in real exchanges (connect, send, wait, read the answer) since the last record(): the round trips. */
    private long networkNanos;

    private RecordedHttp(URL jdkHttp) {
        this.jdkHttp = jdkHttp;
    }

    /** Installs the handler in this JVM (once; the JDK allows one factory per JVM). */
    static synchronized RecordedHttp install() {
        if (installed == null) {
            try {
                RecordedHttp http = new RecordedHttp(new URL("http://127.0.0.1/"));
                URL.setURLStreamHandlerFactory(http);
                installed = http;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        return installed;
    }

    /** One request and the answer it got. */
    record Exchange(String method, String host, String path, String target, int status, String message,
                    Map<String, List<String>> headers, byte[] body) {

        String call() {
            return method + " " + host + path + (target == null ? "" : " " + target);
        }
    }

    synchronized void pass() {
        mode = Mode.PASS;
    }

    /** Starts a new recording; every exchange from now on is sent and kept. */
    synchronized void record() {
        recording.clear();
        calls.clear();
        networkNanos = 0;
        mode = Mode.RECORD;
    }

    /** Answers from the recording, from its first exchange on. */
    synchronized void replay() {
        if (recording.isEmpty()) {
            throw new IllegalStateException("nothing was recorded to replay");
        }
        cursor = 0;
        calls.clear();
        mode = Mode.REPLAY;
    }

    /** Rewinds the replay for the next invocation; fails if the last invocation did not make every recorded call. */
    synchronized void rewind() {
        if (cursor != recording.size()) {
            throw new IllegalStateException("the replayed invocation made " + cursor + " of the " + recording.size()
                    + " recorded calls: it took another path than the recorded one");
        }
        cursor = 0;
    }

    synchronized List<Exchange> recorded() {
        return List.copyOf(recording);
    }

    /** Calls made since the last record()/replay(), by "service operation" (e.g. "dynamodb PutItem"). */
    synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    /** The real exchanges' time since the last record(): what an invocation waited for the network and its servers. */
    synchronized long networkNanos() {
        return networkNanos;
    }

    synchronized int dynamoDbWrites() {
        int writes = 0;
        for (Map.Entry<String, Integer> call : calls.entrySet()) {
            if (call.getKey().startsWith("dynamodb ") && DYNAMODB_WRITES.contains(call.getKey().substring(9))) {
                writes += call.getValue();
            }
        }
        return writes;
    }

    @Override
    public URLStreamHandler createURLStreamHandler(String protocol) {
        if (!"http".equals(protocol)) {
            return null;
        }
        return new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) {
                return new Connection(url);
            }
        };
    }

    private synchronized Exchange answer(Connection request) throws IOException {
        String target = request.property("X-Amz-Target");
        count(request.getURL(), target);
        switch (mode) {
            case REPLAY -> {
                if (cursor >= recording.size()) {
                    throw new IllegalStateException("the replayed invocation made more calls than the recorded one: "
                            + request.describe(target));
                }
                Exchange recorded = recording.get(cursor++);
                if (!recorded.call().equals(request.describe(target))) {
                    throw new IllegalStateException("call " + cursor + " was " + request.describe(target)
                            + " but the recording has " + recorded.call());
                }
                return recorded;
            }
            case RECORD -> {
                long started = System.nanoTime();
                Exchange sent = send(request, target);
                networkNanos += System.nanoTime() - started;
                recording.add(sent);
                return sent;
            }
            default -> {
                return send(request, target);
            }
        }
    }

    private void count(URL url, String target) {
        String service;
        if (target != null) {
            // "DynamoDB_20120810.PutItem", "secretsmanager.GetSecretValue"
            int dot = target.indexOf('.');
            String prefix = target.substring(0, Math.max(0, dot)).toLowerCase(java.util.Locale.ROOT);
            service = (prefix.startsWith("dynamodb") ? "dynamodb" : prefix) + " " + target.substring(dot + 1);
        } else {
            service = "http " + url.getPath();
        }
        calls.merge(service, 1, Integer::sum);
    }

    /** The real exchange, over the JDK's own HTTP client. */
    private Exchange send(Connection request, String target) throws IOException {
        HttpURLConnection real = (HttpURLConnection) new URL(jdkHttp, request.getURL().toExternalForm()).openConnection();
        real.setRequestMethod(request.getRequestMethod());
        real.setInstanceFollowRedirects(false);
        real.setUseCaches(false);
        real.setConnectTimeout(10_000);
        real.setReadTimeout(60_000);
        request.requestHeaders.forEach((name, values) -> values.forEach(value -> real.addRequestProperty(name, value)));
        byte[] body = request.requestBody.toByteArray();
        if (request.getDoOutput()) {
            real.setDoOutput(true);
            real.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = real.getOutputStream()) {
                out.write(body);
            }
        }
        int status = real.getResponseCode();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        real.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                headers.put(name, List.copyOf(values));
            }
        });
        byte[] answer;
        try (InputStream in = status >= 400 ? real.getErrorStream() : real.getInputStream()) {
            answer = in == null ? new byte[0] : in.readAllBytes();
        }
        return new Exchange(request.getRequestMethod(), request.getURL().getAuthority(), request.getURL().getPath(), target,
                status, real.getResponseMessage(), headers, answer);
    }

    /** Buffers the request; on the first look at the answer, gets it from {@link #answer} and serves it from memory. */
    private final class Connection extends HttpURLConnection {
        private final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
        private Exchange exchange;
        private List<Map.Entry<String, String>> headerLines;

        Connection(URL url) {
            super(url);
        }

        String describe(String target) {
            return getRequestMethod() + " " + url.getAuthority() + url.getPath() + (target == null ? "" : " " + target);
        }

        String property(String name) {
            for (Map.Entry<String, List<String>> header : requestHeaders.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }

        @Override
        public void setRequestProperty(String key, String value) {
            super.setRequestProperty(key, value);
            requestHeaders.put(key, new ArrayList<>(List.of(value)));
        }

        @Override
        public void addRequestProperty(String key, String value) {
            super.addRequestProperty(key, value);
            requestHeaders.computeIfAbsent(key, name -> new ArrayList<>()).add(value);
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public void disconnect() {
            // Nothing to close.
        }

        @Override
        public boolean usingProxy() {
            return false;
        }

        @Override
        public OutputStream getOutputStream() {
            connected = true;
            return requestBody;
        }

        private Exchange exchange() throws IOException {
            if (exchange == null) {
                connected = true;
                exchange = answer(this);
                List<Map.Entry<String, String>> lines = new ArrayList<>();
                exchange.headers().forEach((name, values) -> values.forEach(value -> lines.add(Map.entry(name, value))));
                headerLines = lines;
            }
            return exchange;
        }

        private Exchange exchangeOrNull() {
            try {
                return exchange();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int getResponseCode() throws IOException {
            return exchange().status();
        }

        @Override
        public String getResponseMessage() throws IOException {
            return exchange().message();
        }

        @Override
        public InputStream getInputStream() throws IOException {
            Exchange answered = exchange();
            if (answered.status() >= 400) {
                throw new IOException("Server returned HTTP response code: " + answered.status() + " for URL: " + url);
            }
            return new ByteArrayInputStream(answered.body());
        }

        @Override
        public InputStream getErrorStream() {
            Exchange answered = exchangeOrNull();
            return answered.status() >= 400 ? new ByteArrayInputStream(answered.body()) : null;
        }

        @Override
        public Map<String, List<String>> getHeaderFields() {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Exchange answered = exchangeOrNull();
            fields.put(null, List.of("HTTP/1.1 " + answered.status() + " " + answered.message()));
            fields.putAll(answered.headers());
            return Collections.unmodifiableMap(fields);
        }

        @Override
        public String getHeaderField(String name) {
            List<String> values = null;
            for (Map.Entry<String, List<String>> header : exchangeOrNull().headers().entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    values = header.getValue();
                }
            }
            return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
        }

        @Override
        public String getHeaderFieldKey(int n) {
            exchangeOrNull();
            return n == 0 || n > headerLines.size() ? null : headerLines.get(n - 1).getKey();
        }

        @Override
        public String getHeaderField(int n) {
            Exchange answered = exchangeOrNull();
            if (n == 0) {
                return "HTTP/1.1 " + answered.status() + " " + answered.message();
            }
            return n > headerLines.size() ? null : headerLines.get(n - 1).getValue();
        }
    }
}
