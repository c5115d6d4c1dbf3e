package org.cloudcheckkit.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A tiny HTTP server that records the callbacks the sandbox makes to it. */
final class CallbackReceiver implements AutoCloseable {

    record Received(String method, URI uri, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Received received = new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            all.add(received);
            queue.add(received);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(threads);
        server.start();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    /** What the receiver answers from now on. */
    void answer(int status) {
        this.status = status;
    }

    /** How long the receiver takes to answer from now on. */
    void answerAfter(Duration delay) {
        this.delay = delay;
    }

    /** The next {@code count} callbacks, failing if they do not come within ten seconds. */
    List<Received> await(int count) {
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try {
            while (received.size() < count) {
                Received next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("Received " + received.size() + " of " + count + " callbacks: " + received);
                }
                received.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return received;
    }

    /** Everything received so far, in arrival order. */
    List<Received> all() {
        return List.copyOf(all);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
