package org.cloudcheckkit.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.localaws.StackTemplate;

/**
 * Runs the six figures one after another (the machine has two cores; nothing runs beside a measurement but the
 * emulators it needs) and writes the report: bench/RESULTS.md for a full run, bench/out/ for a quick one or a subset.
 * bench/run builds and stages what this needs and passes it in; see {@link Options#parse}. Figures 1 and 6 start a
 * stack (moto, the sandbox) per function, and figure 3 per fork: moto's TransactWriteItems copies the whole table
 * once per item it writes, so on a table grown by earlier measurements a function's transaction is moto's cost (a
 * card verification's took about 2 s on one shared stack), not the function's.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /**
     * @param quick            every figure's code path once, tiny sizes; nothing asserted about times
     * @param figures          which figures to run (all by default)
     * @param functions        figure 1's functions, by logical id (every function of the template by default)
     * @param output           the report file
     * @param functionsJar     functions.jar as deployed (staged copy)
     * @param launcherJar      bench-launcher.jar (staged copy)
     * @param functionsClasses functions' runtime class path file, for figure 2
     * @param ownOutputs       this project's modules inside functions.jar (functions, shared jars)
     * @param workDirectory    scratch files and child JVMs' logs
     * @param command          the command that reproduces this report
     */
    record Options(boolean quick, Set<Integer> figures, Set<String> functions, Path output, Path functionsJar, Path launcherJar,
                   Path functionsClasses, List<Path> ownOutputs, Path workDirectory, String command) {

        static Options parse(String[] args) {
            Map<String, String> named = new LinkedHashMap<>();
            boolean quick = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--quick")) {
                    quick = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    named.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            Set<Integer> figures = new LinkedHashSet<>();
            for (String figure : named.getOrDefault("figures", "1,2,3,4,5,6").split(",")) {
                figures.add(Integer.parseInt(figure.strip()));
            }
            Set<String> functions = new LinkedHashSet<>();
            for (String function : named.getOrDefault("functions", "").split(",")) {
                if (!function.isBlank()) {
                    functions.add(function.strip());
                }
            }
            Path root = BenchStack.findProjectRoot();
            Path out = root.resolve("bench/out");
            boolean complete = !quick && figures.size() == 6 && functions.isEmpty();
            Path output = named.containsKey("output") ? Path.of(named.get("output"))
                    : complete ? root.resolve("bench/RESULTS.md")
                    : out.resolve(quick ? "RESULTS-quick.md" : "RESULTS-partial.md");
            List<Path> own = new ArrayList<>();
            for (String path : named.getOrDefault("own", "").split(java.io.File.pathSeparator)) {
                if (!path.isBlank()) {
                    own.add(Path.of(path));
                }
            }
            return new Options(quick, figures, functions, output,
                    Path.of(named.getOrDefault("functions-jar", root.resolve("functions/target/functions.jar").toString())),
                    Path.of(named.getOrDefault("launcher-jar", root.resolve("bench/launcher/target/bench-launcher.jar").toString())),
                    Path.of(named.getOrDefault("functions-classpath", root.resolve("functions/target/classpath.txt").toString())),
                    own, Path.of(named.getOrDefault("work", out.resolve("work").toString())),
                    named.getOrDefault("command", quick ? "bench/run --quick" : "bench/run"));
        }
    }

    /** The terminal: progress only. */
    private static final PrintStream TERMINAL = System.out;

    public static void main(String[] args) throws Exception {
        // Everything else written to stdout in this JVM - the local stacks' function logs and metric lines - goes
        // where their stderr goes (bench/run: bench/out/bench.log), as a function's stdout goes to its log in Lambda.
        System.setOut(System.err);
        // Must precede the first HttpServer in this JVM (the sandbox's): without it every local answer waits ~40 ms
        // for a delayed ACK, which would be measured as our latency.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Options options = Options.parse(args);
        Files.createDirectories(options.workDirectory());
        Files.createDirectories(options.output().toAbsolutePath().getParent());
        Path root = BenchStack.findProjectRoot();
        Report report = new Report(options, Machine.describe(), ZonedDateTime.now(ZoneOffset.UTC));
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("date", report.date().toString());
        raw.put("machine", Machine.describe());
        raw.put("command", options.command());
        for (int figure : options.figures()) {
            long figureStarted = System.nanoTime();
            progress("figure " + figure + "...");
            try {
                switch (figure) {
                    case 1 -> {
                        Report.ColdStartFigure result = coldStart(root, options);
                        raw.put("coldStart", result);
                        report.coldStart(result);
                    }
                    case 2 -> {
                        ArtifactSize.Result result = ArtifactSize.measure(options.functionsJar(), options.functionsClasses(),
                                options.ownOutputs(), options.workDirectory());
                        raw.put("artifact", result);
                        report.artifact(result);
                    }
                    case 3 -> {
                        List<WarmCost.Result> result = warmCost(root, options);
                        raw.put("warmCost", result);
                        report.warmCost(result);
                    }
                    case 4 -> {
                        ArchiveMemory.Result result = archive(root, options);
                        raw.put("archive", result);
                        report.archive(result);
                    }
                    case 5 -> {
                        CallbackBurst.Result result = burst(root, options);
                        raw.put("burst", stripLatencies(result));
                        report.burst(result);
                    }
                    case 6 -> {
                        List<Priming.Result> result = priming(root, options);
                        raw.put("priming", result);
                        report.priming(result);
                    }
                    default -> throw new IllegalArgumentException("there is no figure " + figure);
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
                failures.add("figure " + figure + ": " + e);
                report.failed(figure, e);
            }
            progress(String.format("figure %d done in %.0f s", figure, (System.nanoTime() - figureStarted) / 1e9));
        }
        report.totalSeconds((System.nanoTime() - started) / 1e9);
        Path output = options.output();
        if (!failures.isEmpty() && output.endsWith("RESULTS.md")) {
            // A report with a figure missing must not replace the last complete one.
            output = root.resolve("bench/out/RESULTS-failed.md");
        }
        Files.writeString(output, report.markdown(), StandardCharsets.UTF_8);
        Path rawFile = root.resolve("bench/out").resolve(options.quick() ? "results-quick.json" : "results.json");
        Files.createDirectories(rawFile.getParent());
        new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(rawFile.toFile(), raw);
        progress("wrote " + output);
        if (!failures.isEmpty()) {
            progress("FAILED: " + String.join("; ", failures));
            System.exit(1);
        }
        System.exit(0);
    }

    static void progress(String message) {
        TERMINAL.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
        TERMINAL.flush();
    }

    private static Report.ColdStartFigure coldStart(Path root, Options options) {
        int repetitions = options.quick() ? 1 : 5;
        List<ColdStart.Result> results = new ArrayList<>();
        Map<String, Map<String, Integer>> classes = new LinkedHashMap<>();
        Map<String, Integer> sdkFloorClasses = null;
        String javaToolOptions = null;
        List<ServerlessFunction> functions = functions(root, options);
        try (Stacks stacks = new Stacks(root, options.quick())) {
            for (ServerlessFunction function : functions) {
                try (Stacks.Lease lease = stacks.forFunction()) {
                    BenchStack stack = lease.stack();
                    ColdStart coldStart = new ColdStart(stack, options.functionsJar(), options.launcherJar(),
                            WarmCost.javaCommand(), options.workDirectory());
                    // Quick mode measures the SDK floor once, beside the first function.
                    ColdStart.Result result = coldStart.measure(function, repetitions,
                            !options.quick() || results.isEmpty());
                    results.add(result);
                    progress(String.format("  %-30s median %5d ms, floor %4d ms%s", result.function(), result.median(),
                            result.floorMedian(), result.sdkFloorRuns().isEmpty() ? ""
                                    : String.format(", SDK floor %4d ms", result.sdkFloorMedian())));
                    if (!options.quick() || classes.isEmpty()) {
                        classes.put(function.logicalId(), coldStart.classesLoaded(function));
                    }
                    if (sdkFloorClasses == null) {
                        sdkFloorClasses = coldStart.sdkFloorClassesLoaded(function);
                        javaToolOptions = stack.environment(function.logicalId()).get("JAVA_TOOL_OPTIONS");
                    }
                }
            }
        }
        LoggingCost.Result logging = new LoggingCost(options.launcherJar(), WarmCost.javaCommand(), javaToolOptions)
                .measure(options.quick() ? 1 : 21);
        progress(String.format("  logging's first lines: JSON provider %d µs, slf4j-simple %d µs", logging.jsonMedian(),
                logging.simpleMedian()));
        Set<String> http = new LinkedHashSet<>();
        for (ServerlessFunction function : functions) {
            if (function.events().stream().anyMatch(event -> event instanceof org.cloudcheckkit.localaws.FunctionEvent.HttpApi)) {
                http.add(function.logicalId());
            }
        }
        return new Report.ColdStartFigure(repetitions, results, classes, sdkFloorClasses, logging, http);
    }

    private static List<Priming.Result> priming(Path root, Options options) {
        List<Priming.Result> results = new ArrayList<>();
        try (Stacks stacks = new Stacks(root, options.quick())) {
            for (ServerlessFunction function : functions(root, options)) {
                try (Stacks.Lease lease = stacks.forFunction()) {
                    Priming.Result result = new Priming(lease.stack(), options.functionsJar(), options.workDirectory())
                            .measure(function, options.quick() ? 1 : 3, options.quick());
                    results.add(result);
                    progress(String.format("  %-30s first invocation primed %6.1f ms (network %5.1f), unprimed %6.1f "
                                    + "ms (network %5.1f); warm p50 %.2f ms", result.function(),
                            Report.millis(result.primedFirst()),
                            Report.millis(result.primedNetwork()), Report.millis(result.unprimedFirst()),
                            Report.millis(result.unprimedNetwork()), Report.millis(result.warmP50())));
                }
            }
        }
        return results;
    }

    /**
     * The stacks a figure's functions run on: one each (see this class's comment), or in quick mode, which measures
     * nothing, one for all of them (a stack is a moto_server and a deployed template: seconds of CPU each).
     */
    private static final class Stacks implements AutoCloseable {
        private final Path root;
        private final BenchStack shared;

        Stacks(Path root, boolean quick) {
            this.root = root;
            this.shared = quick ? BenchStack.start(root) : null;
        }

        /** A function's stack; closing the lease stops it unless it is the shared one. */
        Lease forFunction() {
            return shared != null ? new Lease(shared, false) : new Lease(BenchStack.start(root), true);
        }

        record Lease(BenchStack stack, boolean own) implements AutoCloseable {
            @Override
            public void close() {
                if (own) {
                    stack.close();
                }
            }
        }

        @Override
        public void close() {
            if (shared != null) {
                shared.close();
            }
        }
    }

    /** The template's functions, or those --functions names. */
    private static List<ServerlessFunction> functions(Path root, Options options) {
        List<ServerlessFunction> all = StackTemplate.read(root.resolve("template.yaml")).functions();
        List<ServerlessFunction> chosen = all.stream()
                .filter(function -> options.functions().isEmpty() || options.functions().contains(function.logicalId()))
                .toList();
        if (chosen.size() < options.functions().size()) {
            throw new IllegalArgumentException("--functions names " + options.functions() + "; the template has "
                    + all.stream().map(ServerlessFunction::logicalId).toList());
        }
        return chosen;
    }

    private static List<WarmCost.Result> warmCost(Path root, Options options) {
        return new WarmCost(root, options.workDirectory()).measure(options.quick() ? 1 : 3, options.quick());
    }

    private static ArchiveMemory.Result archive(Path root, Options options) {
        try (BenchStack stack = BenchStack.start(root)) {
            ArchiveMemory archive = new ArchiveMemory(stack, options.workDirectory());
            // 64 PDFs of 16 MiB: a zip just over 1 GiB. Quick: two PDFs of 5 MiB, still two multipart parts.
            return options.quick() ? archive.measure(2, 5L << 20, 1) : archive.measure(64, 16L << 20, 3);
        }
    }

    private static CallbackBurst.Result burst(Path root, Options options) {
        CallbackBurst burst = new CallbackBurst(root, options.workDirectory());
        return options.quick() ? burst.measure(20, 100, 4, Duration.ofMinutes(2))
                : burst.measure(1_000, 5_000, 8, Duration.ofMinutes(15));
    }

    /** Every latency of 10,000 calls is more than anyone reads; their percentiles are in the report. */
    private static Map<String, Object> stripLatencies(CallbackBurst.Result result) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("result", result.toString().replaceAll("(latencyNanos|motoWriteNanos)=\\[[^]]*]", "$1=[...]"));
        figures.put("burstPerSecond", result.burst().perSecond());
        figures.put("burstP50Nanos", result.burst().p50());
        figures.put("burstP99Nanos", result.burst().p99());
        figures.put("floorPerSecond", result.floor().perSecond());
        figures.put("motoPutItemPerSecond", result.motoWrites().perSecond());
        figures.put("burstOfMotoRate", result.ofMotoRate());
        figures.put("floorP50Nanos", result.floor().p50());
        figures.put("floorP99Nanos", result.floor().p99());
        return figures;
    }

    static String utc(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    }
}
