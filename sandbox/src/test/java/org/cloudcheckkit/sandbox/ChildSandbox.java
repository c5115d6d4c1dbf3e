package org.cloudcheckkit.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** SandboxMain in its own JVM, as a person runs it; the test classpath stands in for the shaded jar. */
final class ChildSandbox implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private ChildSandbox(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code java [jvmOptions] SandboxMain [arguments]} and waits for its "listening on" line. */
    static ChildSandbox start(List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SandboxMain.class.getName());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            if (line.startsWith("Cloudcheck sandbox listening on ")) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "child-sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildSandbox(process, line.substring("Cloudcheck sandbox listening on ".length()));
            }
        }
        throw new IllegalStateException("The sandbox stopped before it was listening");
    }

    String baseUrl() {
        return baseUrl;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops it as Ctrl-C would (SIGTERM runs the same shutdown hook); answers whether it exited in time. */
    boolean stop(Duration limit) throws InterruptedException {
        process.destroy();
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
