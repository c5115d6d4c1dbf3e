package org.cloudcheckkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cloudcheckkit.localaws.ServerlessFunction;

/**
 * Figure 1: cold start per function. Each measurement is a fresh JVM pinned to one core ({@code taskset -c 0}) with the
 * function's environment from template.yaml - its JAVA_TOOL_OPTIONS included - that constructs the handler from
 * functions.jar as Lambda would and serves the function's first event against moto and the sandbox. Timed from just
 * before the process is started to the line it prints with its answer. The floor is the same JVM and event with a
 * stream handler, as every function is, that answers constant bytes; runs of the two are interleaved so that noise
 * falls on both. The SDK floor, interleaved likewise, is the same again with a handler that builds the functions'
 * DynamoDB client and makes one GetItem: the part of a cold start the SDK the design asks for takes whatever a
 * function does.
 */
final class ColdStart {
    private static final String LAUNCHER = "org.cloudcheckkit.bench.launcher.ColdStartLauncher";
    private static final String FLOOR = "org.cloudcheckkit.bench.launcher.ConstantStreamHandler";
    private static final String SDK_FLOOR = "org.cloudcheckkit.bench.launcher.SdkFloorHandler";

    private final BenchStack stack;
    private final FreshEvents events;
    private final Path functionsJar;
    private final Path launcherJar;
    private final String javaCommand;
    private final Path workDirectory;

    ColdStart(BenchStack stack, Path functionsJar, Path launcherJar, String java, Path workDirectory) {
        this.stack = stack;
        this.workDirectory = workDirectory;
        this.events = new FreshEvents(stack);
        this.functionsJar = functionsJar;
        this.launcherJar = launcherJar;
        this.javaCommand = java;
    }

    record Result(String function, String sample, List<Long> runs, List<Long> floorRuns, List<Long> sdkFloorRuns,
                  String answer, String phases) {
        long median() {
            return Statistics.median(runs);
        }

        long floorMedian() {
            return Statistics.median(floorRuns);
        }

        long sdkFloorMedian() {
            return Statistics.median(sdkFloorRuns);
        }
    }

    /** @param sdkFloor whether to measure the SDK floor beside this function (it is the same for every function) */
    Result measure(ServerlessFunction function, int repetitions, boolean sdkFloor) {
        String handlerClass = function.handler().orElseThrow().replaceFirst("::.*$", "");
        Map<String, String> environment = stack.environment(function.logicalId());
        List<Long> runs = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        List<Long> sdkFloorRuns = new ArrayList<>();
        String answer = null;
        String phases = null;
        for (int i = 0; i < repetitions; i++) {
            Path event = events.eventFor(function);
            Run run = launch(handlerClass, event, environment, experimentFlags());
            runs.add(run.millis);
            answer = run.answer;
            phases = run.phases;
            floor.add(launch(FLOOR, stack.projectRoot.resolve("events/go-create.json"), environment,
                    experimentFlags()).millis);
            if (sdkFloor) {
                sdkFloorRuns.add(launch(SDK_FLOOR, stack.projectRoot.resolve("events/go-create.json"), environment,
                        experimentFlags()).millis);
            }
        }
        return new Result(function.logicalId(), events.sampleFor(function), runs, floor, sdkFloorRuns, answer, phases);
    }

    private record Run(long millis, String answer, String phases) {
    }

    /**
     * What one cold start loads, from one more (untimed) run with the class-loading log on: classes by where they
     * come from. This is the measured part of the cause when the target is missed. The log is kept in the work
     * directory ({@code class-load-<function>.log}) for reading which classes those are.
     */
    Map<String, Integer> classesLoaded(ServerlessFunction function) {
        return classesLoaded(function.logicalId(), function.handler().orElseThrow().replaceFirst("::.*$", ""),
                events.eventFor(function), stack.environment(function.logicalId()));
    }

    /** What the SDK floor loads, in a function's environment (any function: the floor reads only its table). */
    Map<String, Integer> sdkFloorClassesLoaded(ServerlessFunction function) {
        return classesLoaded("sdk-floor", SDK_FLOOR, stack.projectRoot.resolve("events/go-create.json"),
                stack.environment(function.logicalId()));
    }

    private Map<String, Integer> classesLoaded(String name, String handlerClass, Path event, Map<String, String> environment) {
        try {
            Files.createDirectories(workDirectory);
            Path log = workDirectory.resolve("class-load-" + name + ".log");
            Files.deleteIfExists(log);
            launch(handlerClass, event, environment, List.of("-Xlog:class+load=info:file=" + log));
            Map<String, Integer> sources = new java.util.LinkedHashMap<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("[class,load] ");
                if (at < 0) {
                    continue;
                }
                String[] parts = line.substring(at + 13).split(" source: ", 2);
                sources.merge(origin(parts[0], parts.length > 1 ? parts[1] : ""), 1, Integer::sum);
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a loaded class comes from, in the groups the report names. */
    static String origin(String className, String source) {
        if (source.startsWith("shared objects file") || source.startsWith("jrt:")) {
            return "JDK";
        }
        if (className.startsWith("software.amazon.awssdk.")) {
            return "AWS SDK";
        }
        if (className.startsWith("com.fasterxml.jackson.")) {
            return "Jackson";
        }
        if (className.startsWith("org.cloudcheckkit.bench.")) {
            return "launcher";
        }
        if (className.startsWith("org.cloudcheckkit.")) {
            return "this project";
        }
        if (className.startsWith("com.amazonaws.")) {
            return "Lambda libraries";
        }
        if (className.contains("$$Lambda$") || source.contains("__JVM_LookupDefineClass__") || source.contains("__Lambda")) {
            return "JDK";
        }
        return "other";
    }

    /**
     * Extra flags for experiments (-Dbench.jvmArgs, e.g. -Xlog:class+load); the measured runs otherwise use only the
     * template's. Figures 1 and 6 take them.
     */
    static List<String> experimentFlags() {
        String extra = System.getProperty("bench.jvmArgs", "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private Run launch(String handlerClass, Path event, Map<String, String> environment, List<String> extraFlags) {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", javaCommand));
        command.addAll(extraFlags);
        command.addAll(List.of("-cp", functionsJar + java.io.File.pathSeparator + launcherJar, LAUNCHER, handlerClass,
                event.toString()));
        Path errors;
        try {
            errors = Files.createTempFile("cold-start-", ".log");
            errors.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        Map<String, String> childEnvironment = builder.environment();
        childEnvironment.clear();
        childEnvironment.putAll(minimalHost());
        childEnvironment.putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    process.waitFor(10, TimeUnit.SECONDS);
                    String phases = Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
                            .filter(logged -> logged.startsWith("PHASES ")).map(logged -> logged.substring(7))
                            .findFirst().orElse("");
                    return new Run(millis, line.substring("RESPONSE ".length()), phases);
                }
            }
            process.waitFor(10, TimeUnit.SECONDS);
            List<String> log = Files.readAllLines(errors, StandardCharsets.UTF_8);
            throw new IllegalStateException(handlerClass + " ended without answering (exit " + process.exitValue() + "):\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 25), log.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Just what a process needs from the host (Lambda gives a function little more than its own variables). */
    static Map<String, String> minimalHost() {
        Map<String, String> host = new HashMap<>();
        for (String name : new String[] {"PATH", "HOME", "TMPDIR", "LANG"}) {
            String value = System.getenv(name);
            if (value != null) {
                host.put(name, value);
            }
        }
        return host;
    }

    static Path jarOf(Path projectRoot, String path) {
        Path jar = projectRoot.resolve(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with bench/run (it packages it)");
        }
        return jar;
    }
}
