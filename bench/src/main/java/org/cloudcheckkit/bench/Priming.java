package org.cloudcheckkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.cloudcheckkit.localaws.ServerlessFunction;

/**
 * Figure 6: what SnapStart's priming leaves for a restored function's first invocation. Per function, fresh JVMs
 * ({@link PrimedStart}) pinned to one core with the function's environment, JAVA_TOOL_OPTIONS included, and class path
 * = functions.jar first, then the harness: a primed run (init, then what Lambda runs before the snapshot and after
 * the restore - the registered CRaC resources - then a fresh first event, then the function's warm p50 from replays of
 * it) interleaved with an unprimed run (init, then a fresh first event). Each first invocation's round trips are timed
 * by {@link RecordedHttp} as it records them, so its own part is its time minus theirs.
 */
final class Priming {
    /** The primed first invocation, network subtracted, may take this many warm p50s. */
    static final int TARGET_WARM_MULTIPLE = 3;

    private final BenchStack stack;
    private final FreshEvents events;
    private final Path functionsJar;
    private final Path workDirectory;

    Priming(BenchStack stack, Path functionsJar, Path workDirectory) {
        this.stack = stack;
        this.events = new FreshEvents(stack);
        this.functionsJar = functionsJar;
        this.workDirectory = workDirectory;
    }

    /** One first invocation, by its own clock, in nanoseconds. */
    record Run(long construct, long checkpoint, long first, long network, int calls, int resources, long warmP50,
               int warmInvocations, long loaded, long compilingMillis, String answer) {
        long own() {
            return first - network;
        }
    }

    record Result(String function, String sample, List<Run> primed, List<Run> unprimed) {
        long primedFirst() {
            return median(primed, Run::first);
        }

        long primedNetwork() {
            return median(primed, Run::network);
        }

        long primedOwn() {
            return median(primed, Run::own);
        }

        long unprimedFirst() {
            return median(unprimed, Run::first);
        }

        long unprimedNetwork() {
            return median(unprimed, Run::network);
        }

        long unprimedOwn() {
            return median(unprimed, Run::own);
        }

        /** Classes the primed first invocation loaded (median). */
        long primedLoaded() {
            return median(primed, Run::loaded);
        }

        /** The JIT compiler's time during the primed first invocation, in ms (median). */
        long primedCompilingMillis() {
            return median(primed, Run::compilingMillis);
        }

        long unprimedLoaded() {
            return median(unprimed, Run::loaded);
        }

        long checkpoint() {
            return median(primed, Run::checkpoint);
        }

        long warmP50() {
            return median(primed, Run::warmP50);
        }

        private static long median(List<Run> runs, ToLongFunction<Run> field) {
            return Statistics.median(runs.stream().map(field::applyAsLong).toList());
        }

        /** The primed first invocation within 3x warm p50 plus its own round trips. */
        boolean met() {
            return primedOwn() <= TARGET_WARM_MULTIPLE * warmP50();
        }
    }

    Result measure(ServerlessFunction function, int repetitions, boolean quick) {
        List<Run> primed = new ArrayList<>();
        List<Run> unprimed = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            unprimed.add(launch(function, false, quick));
            primed.add(launch(function, true, quick));
        }
        return new Result(function.logicalId(), events.sampleFor(function), primed, unprimed);
    }

    private Run launch(ServerlessFunction function, boolean primed, boolean quick) {
        String handlerClass = function.handler().orElseThrow().replaceFirst("::.*$", "");
        Path event = events.eventFor(function);
        // Warm p50 as figure 3 takes it, shorter: at least 1,000 invocations and 2 s of warm-up, then up to 10,000
        // timed (at least 200) or 3 s.
        List<String> warm = quick ? List.of("20", "0", "20", "0") : List.of("1000", "2000", "10000", "3000");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", WarmCost.javaCommand()));
        command.addAll(ColdStart.experimentFlags());
        command.addAll(List.of("-Dorg.crac.Core.Compat=org.cloudcheckkit.bench.crac",
                "-cp", functionsJar + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                PrimedStart.class.getName(), primed ? "primed" : "unprimed", handlerClass, event.toString(),
                (primed ? events.warmEventAfter(function, event) : event).toString()));
        command.addAll(warm);
        try {
            Path log = Files.createTempFile(workDirectory, "primed-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(ColdStart.minimalHost());
            environment.putAll(stack.environment(function.logicalId()));
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(function.logicalId() + (primed ? " primed" : " unprimed")
                        + " run failed; its log, " + log + ", ends:\n" + WarmCost.tail(log, 30));
            }
            String result = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no RESULT line in " + log));
            if (ColdStart.experimentFlags().isEmpty()) {
                Files.delete(log);
            } else {
                BenchMain.progress("  kept " + log);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : result.substring(7).split(" ")) {
                int equals = field.indexOf('=');
                if (equals > 0) {
                    fields.putIfAbsent(field.substring(0, equals), field.substring(equals + 1));
                }
            }
            return new Run(Long.parseLong(fields.get("construct")), Long.parseLong(fields.get("checkpoint")),
                    Long.parseLong(fields.get("first")), Long.parseLong(fields.get("network")),
                    Integer.parseInt(fields.get("calls")), Integer.parseInt(fields.get("resources")),
                    Long.parseLong(fields.get("warmP50")), Integer.parseInt(fields.get("warmInvocations")),
                    Long.parseLong(fields.get("loaded")), Long.parseLong(fields.get("compilingMillis")),
                    fields.get("answer"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
