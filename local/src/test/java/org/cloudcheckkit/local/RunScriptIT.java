package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI check of ./run itself: it comes up on the ports it is given, serves a create request, and on SIGTERM stops
 * everything it started (moto_server included) and frees its ports.
 */
class RunScriptIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final String READY = "Local stack is up";

    @Test
    void runComesUpServesACreateAndStopsEverythingOnSigterm(@TempDir Path directory) throws Exception {
        int api = freePort();
        int sandbox = freePort();
        int aws = freePort();
        Path output = directory.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder("./run").directory(REPOSITORY.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("AWS_ENDPOINT_URL");
        environment.remove("CLOUDCHECK_BASE_URL");
        environment.put("LOCAL_API_PORT", Integer.toString(api));
        environment.put("SANDBOX_PORT", Integer.toString(sandbox));
        environment.put("LOCAL_AWS_PORT", Integer.toString(aws));
        Process run = builder.start();
        List<ProcessHandle> started;
        try {
            awaitReady(run, output);
            // ./run execs the JVM, so the process is the stack itself; its children are what it started.
            started = run.descendants().toList();
            assertTrue(started.stream().anyMatch(child -> child.info().commandLine().orElse("").contains("moto_server")),
                    "moto_server runs as a child of the stack: " + started);

            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api + "/go/requests"))
                    .header("Authorization", "Bearer " + LocalStackSettings.DEFAULT_API_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(FrontEnd.sampleBody("go-create.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
        } finally {
            run.destroy(); // SIGTERM
        }

        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "./run stopped on SIGTERM:\n" + log(output));
        for (ProcessHandle child : started) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), child.info().commandLine().orElse("pid " + child.pid()) + " was left running");
        }
        for (int port : new int[] {api, sandbox, aws}) {
            assertTrue(isFree(port), "port " + port + " is free again");
        }
        assertTrue(log(output).contains("Stopped."), log(output));
    }

    private static void awaitReady(Process run, Path output) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!log(output).contains(READY)) {
            if (!run.isAlive()) {
                throw new AssertionError("./run exited with " + run.exitValue() + ":\n" + log(output));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("./run was not up within " + START_LIMIT.toSeconds() + " s:\n" + log(output));
            }
            Thread.sleep(200);
        }
    }

    private static String log(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException inUse) {
            return false;
        }
    }
}
