package org.cloudcheckkit.bench.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What logging costs a cold start: in a fresh JVM, SLF4J finds its provider, and a function's first lines are written
 * (the route line of a request, with its request id and business keys), as many as a cold create writes. Prints
 * {@code LOGGING <nanoseconds>} on standard error; the lines themselves go where the provider writes them.
 */
public final class FirstLogLines {
    private static final int LINES = 3;

    private FirstLogLines() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        Logger log = LoggerFactory.getLogger("org.cloudcheckkit.functions.http.ApiRoutes");
        MDC.put("requestId", "8f5e2c1a-0b7d-4c1e-9a53-3f0e2b9d6c41");
        MDC.put("goApiReference", "GO-1234567890");
        MDC.put("principal", "frontend-user-1");
        for (int line = 0; line < LINES; line++) {
            log.info("route=\"{}\" status={} ms={} requestId={}", "POST /go/requests", 201, 48, "sample-request-id");
        }
        MDC.clear();
        System.err.println("LOGGING " + (System.nanoTime() - started));
    }
}
