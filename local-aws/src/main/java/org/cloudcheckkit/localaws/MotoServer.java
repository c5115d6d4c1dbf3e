package org.cloudcheckkit.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code moto_server} process this JVM started, and therefore stops: on {@link #stop()} or at JVM exit. While it runs,
 * its pid and this JVM's are kept in a file named by its port, so that if this JVM is killed (kill -9, which runs no
 * shutdown hook) the next start on that port finds the moto_server left behind and stops it.
 */
final class MotoServer {

    private static final Logger LOG = LoggerFactory.getLogger(MotoServer.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);
    private static final int OUTPUT_TAIL_CHARS = 2_000;

    private final Process process;
    private final URI endpoint;
    private final Path output;
    private final Path pidFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private boolean stopped;

    private MotoServer(Process process, URI endpoint, Path output) {
        this.process = process;
        this.endpoint = endpoint;
        this.output = output;
        this.pidFile = pidFile(endpoint.getPort());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();
        this.shutdownHook = new Thread(this::terminate, "moto_server-" + endpoint.getPort() + "-shutdown");
    }

    /** Starts {@code command} on 127.0.0.1:{@code port} (0: a free port) and returns once it answers. */
    static MotoServer start(String command, int port, Duration timeout) {
        int chosenPort = port == 0 ? freePort() : port;
        stopLeftover(chosenPort);
        requireFree(chosenPort);
        Path output = createOutputFile();
        Process process;
        try {
            process = new ProcessBuilder(command, "-H", HOST, "-p", Integer.toString(chosenPort))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            deleteQuietly(output);
            throw new IllegalStateException("Cannot run " + command + " (" + e.getMessage() + "). moto's server is needed to "
                    + "emulate AWS locally: install it with  pip install 'moto[server]'  so that moto_server is on PATH, "
                    + "or set AWS_ENDPOINT_URL to an emulator that is already running.", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://" + HOST + ":" + chosenPort), output);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        server.recordPid();
        try {
            server.awaitAnswer(command, timeout);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Empties every service: moto forgets all tables, buckets, queues and secrets. */
    void reset() {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        int status = send(request);
        if (status != 200) {
            throw new IllegalStateException("moto at " + endpoint + " answered " + status + " to POST /moto-api/reset");
        }
    }

    /** Stops the process and its children; waits until they are gone. Safe to call more than once. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The JVM is exiting: the hook runs terminate() itself.
        }
        terminate();
    }

    private void terminate() {
        stopTree(process.toHandle());
        deleteQuietly(output);
        deleteQuietly(pidFile);
    }

    /** Stops the process and its children: asks, then after a grace period forces; waits until they are gone. */
    private static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!tree.stream().allMatch(MotoServer::awaitExit)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(MotoServer::awaitExit);
        }
    }

    /** Per user: another user's file could be neither replaced nor acted on. */
    static Path pidFile(int port) {
        return Path.of(System.getProperty("java.io.tmpdir"), "moto_server-" + System.getProperty("user.name") + "-" + port + ".pid");
    }

    private void recordPid() {
        try {
            Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid());
        } catch (IOException e) {
            LOG.warn("Cannot write {} ({}): should this JVM be killed, the next start will not find its moto_server", pidFile, e.toString());
        }
    }

    /** Stops the moto_server the port's file names if the JVM that started it was killed before it could. */
    private static void stopLeftover(int port) {
        Started.read(pidFile(port)).flatMap(started -> started.leftover(" -H " + HOST + " -p " + port)).ifPresent(leftover -> {
            LOG.warn("Stopping moto_server (pid {}) left running on port {} by an earlier start that was killed", leftover.pid(), port);
            stopTree(leftover);
        });
    }

    private void awaitAnswer(String command, Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).timeout(REQUEST_TIMEOUT).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command + " exited with code " + process.exitValue() + " before it answered on "
                        + endpoint + ". Its output ends:\n" + outputTail());
            }
            try {
                if (send(probe) == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // Python is still importing moto; poll again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(command + " did not answer GET " + probe.uri() + " within " + timeout
                        + ". Its output ends:\n" + outputTail());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private int send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("No answer from " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    private String outputTail() {
        try {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - OUTPUT_TAIL_CHARS));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot wait for process " + handle.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    /** Fails early when the port is taken: else the probe could be answered by whatever already listens there. */
    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on " + HOST + " is in use, so moto_server cannot listen there. "
                    + "If an emulator already runs on it, set AWS_ENDPOINT_URL=http://" + HOST + ":" + port + " to use it.", e);
        }
    }

    private static Path createOutputFile() {
        try {
            return Files.createTempFile("moto_server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a file for moto_server's output", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover log in the temp directory harms nothing.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for moto_server", e);
        }
    }

    /** What a pid file holds: the pid of a moto_server and that of the JVM that started it. */
    private record Started(long moto, long jvm) {

        static Optional<Started> read(Path file) {
            try {
                String[] pids = Files.readString(file).strip().split(" ");
                return Optional.of(new Started(Long.parseLong(pids[0]), Long.parseLong(pids[1])));
            } catch (IOException | NumberFormatException | IndexOutOfBoundsException noneRecorded) {
                return Optional.empty();
            }
        }

        /**
         * The moto_server, if its JVM is gone (it has another parent now) and it still runs with {@code arguments}. One
         * whose JVM runs, or a process that took the pid since, is someone else's.
         */
        Optional<ProcessHandle> leftover(String arguments) {
            return ProcessHandle.of(moto)
                    .filter(process -> process.parent().map(ProcessHandle::pid).orElse(0L) != jvm)
                    .filter(process -> process.info().commandLine()
                            .filter(line -> line.contains("moto_server") && line.endsWith(arguments)).isPresent());
        }
    }
}
