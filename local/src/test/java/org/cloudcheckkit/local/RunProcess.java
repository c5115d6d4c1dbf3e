package org.cloudcheckkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ./run as a user starts it, for the tests of ./run itself. ./run execs the JVM, so the process is the stack itself
 * and its children are what it started. Settings are the variables docs/local.md lists; {@link #freePorts()} gives
 * ports of its own, and the same settings start it again after a stop or a kill.
 *
 * <pre>{@code
 * Map<String, String> settings = RunProcess.freePorts();
 * try (RunProcess run = RunProcess.start(settings, directory.resolve("run.log"))) {
 *     json(run.frontEnd().post("/go/requests", sampleBody("go-create.json")), 201);
 *     run.stop();
 * }
 * }</pre>
 */
final class RunProcess implements AutoCloseable {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final String READY = "Local stack is up";
    private static final List<String> PORTS = List.of("LOCAL_API_PORT", "SANDBOX_PORT", "LOCAL_AWS_PORT");

    private final Process process;
    private final Map<String, String> settings;
    private final Path output;

    private RunProcess(Process process, Map<String, String> settings, Path output) {
        this.process = process;
        this.settings = Map.copyOf(settings);
        this.output = output;
    }

    /** LOCAL_API_PORT, SANDBOX_PORT and LOCAL_AWS_PORT, each free now; a map to add other settings to. */
    static Map<String, String> freePorts() {
        Map<String, String> settings = new HashMap<>();
        PORTS.forEach(name -> settings.put(name, Integer.toString(freePort())));
        return settings;
    }

    /**
     * Starts ./run with this JVM's environment less AWS_ENDPOINT_URL and CLOUDCHECK_BASE_URL, then {@code settings};
     * returns once it says it is up. Its output goes to {@code output}.
     */
    static RunProcess start(Map<String, String> settings, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("./run").directory(REPOSITORY.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("AWS_ENDPOINT_URL");
        builder.environment().remove("CLOUDCHECK_BASE_URL");
        builder.environment().putAll(settings);
        RunProcess run = new RunProcess(builder.start(), settings, output);
        try {
            run.awaitReady();
        } catch (RuntimeException | Error e) {
            try {
                run.close();
            } catch (RuntimeException | Error stopFailed) {
                e.addSuppressed(stopFailed);
            }
            throw e;
        }
        return run;
    }

    URI apiUrl() {
        return URI.create("http://127.0.0.1:" + settings.get("LOCAL_API_PORT"));
    }

    FrontEnd frontEnd() {
        return new FrontEnd(apiUrl(), settings.getOrDefault("LOCAL_API_TOKEN", LocalStackSettings.DEFAULT_API_TOKEN));
    }

    /** What it started and still runs: moto_server, unless AWS_ENDPOINT_URL names an emulator. */
    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager stops it; returns once it and what it started have exited. */
    void stop() {
        List<ProcessHandle> started = children();
        process.destroy();
        awaitExit(process.toHandle(), STOP_LIMIT, "./run to stop on SIGTERM");
        started.forEach(child -> awaitExit(child, STOP_LIMIT, child.info().commandLine().orElse("pid " + child.pid()) + " to stop"));
    }

    /** kill -9 of its JVM, which runs no shutdown hook: what it started is left running. */
    void kill() {
        process.destroyForcibly();
        awaitExit(process.toHandle(), STOP_LIMIT, "./run to die on SIGKILL");
    }

    /** Of its settings' ports, those something still listens on. */
    List<Integer> takenPorts() {
        return PORTS.stream().map(name -> Integer.parseInt(settings.get(name))).filter(port -> !isFree(port)).toList();
    }

    /** Stops it if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!output().contains(READY)) {
            if (!process.isAlive()) {
                throw new AssertionError("./run exited with " + process.exitValue() + ":\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("./run was not up within " + START_LIMIT.toSeconds() + " s:\n" + output());
            }
            sleep();
        }
    }

    private void awaitExit(ProcessHandle handle, Duration limit, String what) {
        try {
            handle.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Waited " + limit.toSeconds() + " s for " + what + ":\n" + output(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
