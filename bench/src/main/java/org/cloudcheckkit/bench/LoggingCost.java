package org.cloudcheckkit.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Part of figure 1: what the functions' logging provider (logging/, JSON lines) costs a cold start, beside
 * slf4j-simple, which the functions used before. Each run is a fresh JVM pinned to one core with the functions'
 * JAVA_TOOL_OPTIONS, class path = slf4j-api + the provider + the launcher, timing inside the JVM from the first
 * LoggerFactory call to the third line written ({@code FirstLogLines}). The two providers' runs are interleaved, so
 * that noise falls on both. The JSON provider runs with the variables Lambda sets for LogFormat JSON; slf4j-simple with
 * the settings the functions gave it (plain lines on standard output).
 */
final class LoggingCost {
    private static final String FIRST_LOG_LINES = "org.cloudcheckkit.bench.launcher.FirstLogLines";

    private final Path launcherJar;
    private final String javaCommand;
    private final String javaToolOptions;

    LoggingCost(Path launcherJar, String javaCommand, String javaToolOptions) {
        this.launcherJar = launcherJar;
        this.javaCommand = javaCommand;
        this.javaToolOptions = javaToolOptions;
    }

    /** Microseconds from SLF4J's first call to the third line, per run, for each provider. */
    record Result(List<Long> jsonMicros, List<Long> simpleMicros) {
        long jsonMedian() {
            return Statistics.median(jsonMicros);
        }

        long simpleMedian() {
            return Statistics.median(simpleMicros);
        }
    }

    Result measure(int runs) {
        String api = jarOf("org.slf4j.LoggerFactory");
        String json = jarOf("org.cloudcheckkit.logging.provider.LambdaLogProvider");
        String simple = jarOf("org.slf4j.simple.SimpleServiceProvider");
        List<Long> jsonRuns = new ArrayList<>();
        List<Long> simpleRuns = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            jsonRuns.add(launch(List.of(api, json), List.of(), Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON",
                    "AWS_LAMBDA_LOG_LEVEL", "INFO")));
            simpleRuns.add(launch(List.of(api, simple), List.of("-Dorg.slf4j.simpleLogger.logFile=System.out",
                    "-Dorg.slf4j.simpleLogger.showDateTime=false", "-Dorg.slf4j.simpleLogger.showThreadName=false",
                    "-Dorg.slf4j.simpleLogger.showShortLogName=true", "-Dorg.slf4j.simpleLogger.levelInBrackets=true"),
                    Map.of()));
        }
        return new Result(jsonRuns, simpleRuns);
    }

    private long launch(List<String> classPath, List<String> flags, Map<String, String> variables) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", javaCommand));
        command.addAll(flags);
        List<String> path = new ArrayList<>(classPath);
        path.add(launcherJar.toString());
        command.addAll(List.of("-cp", String.join(File.pathSeparator, path), FIRST_LOG_LINES));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        environment.putAll(variables);
        try {
            Process process = builder.start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("FirstLogLines failed:\n" + errors);
            }
            return errors.lines().filter(line -> line.startsWith("LOGGING ")).findFirst()
                    .map(line -> Long.parseLong(line.substring(8)) / 1_000)
                    .orElseThrow(() -> new IllegalStateException("FirstLogLines printed no time:\n" + errors));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The jar (or classes directory) this harness loaded {@code className} from. */
    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException(className + " is not on the harness's class path", e);
        }
    }
}
