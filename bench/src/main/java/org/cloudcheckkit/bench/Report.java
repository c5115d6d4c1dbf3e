package org.cloudcheckkit.bench;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bench/RESULTS.md: every figure beside its target and its floor, with the date, the machine and the command, and for
 * each target missed the gap and what the run itself measured of its cause. Everything numeric here comes from the
 * run that writes it.
 */
final class Report {
    static final long COLD_START_TARGET_MS = 600;
    static final long ARTIFACT_TARGET_BYTES = 12L << 20;
    static final double WARM_P99_TARGET_MS = 5.0;
    static final int WRITES_TARGET = 20;
    static final double ARCHIVE_RATIO_TARGET = 0.5;
    static final double BURST_TARGET_PER_SECOND = 200;
    /** The burst's rate as a share of moto's own rate for the receipt's one conditional PutItem (issue 16). */
    static final double BURST_MOTO_RATIO_TARGET = 0.8;

    private final BenchMain.Options options;
    private final Machine machine;
    private final ZonedDateTime date;
    private final List<String[]> summary = new ArrayList<>();
    private final Map<Integer, String> sections = new LinkedHashMap<>();
    private double totalSeconds;
    /** Figure 3's warm cost of a callback receipt, when it ran: what figure 5's receipt costs without the network. */
    private WarmCost.Result warmCallback;

    Report(BenchMain.Options options, Machine machine, ZonedDateTime date) {
        this.options = options;
        this.machine = machine;
        this.date = date;
    }

    /**
     * @param sdkFloorClasses what the SDK floor (bench/launcher SdkFloorHandler) loads, by origin
     * @param httpFunctions   the functions behind the HTTP API, whose classes loaded have a target of their own
     */
    record ColdStartFigure(int repetitions, List<ColdStart.Result> results, Map<String, Map<String, Integer>> classes,
                           Map<String, Integer> sdkFloorClasses, LoggingCost.Result logging,
                           java.util.Set<String> httpFunctions) {
    }

    static final int HTTP_CLASSES_TARGET = 3_000;

    ZonedDateTime date() {
        return date;
    }

    void totalSeconds(double seconds) {
        this.totalSeconds = seconds;
    }

    void failed(int figure, RuntimeException failure) {
        summary.add(new String[] {String.valueOf(figure), "(figure failed)", "", "", "", "", "**failed**"});
        sections.put(figure, "## " + figure + ". Failed\n\nThe harness failed on this figure: `" + failure + "`. See the log.\n");
    }

    // ---------------------------------------------------------------- figure 1

    void coldStart(ColdStartFigure figure) {
        List<ColdStart.Result> results = figure.results();
        ColdStart.Result worst = results.stream().max(java.util.Comparator.comparingLong(ColdStart.Result::median)).orElseThrow();
        ColdStart.Result best = results.stream().min(java.util.Comparator.comparingLong(ColdStart.Result::median)).orElseThrow();
        List<Long> floors = results.stream().map(ColdStart.Result::floorMedian).toList();
        long floor = Statistics.median(floors);
        long sdkFloor = Statistics.median(results.stream().filter(result -> !result.sdkFloorRuns().isEmpty())
                .map(ColdStart.Result::sdkFloorMedian).toList());
        int sdkFloorClasses = figure.sdkFloorClasses().values().stream().mapToInt(Integer::intValue).sum();
        boolean met = worst.median() <= COLD_START_TARGET_MS;
        summary.add(row("1", "Cold start, every function (median)", "≤ " + COLD_START_TARGET_MS + " ms",
                best.median() + "–" + worst.median() + " ms (worst: " + worst.function() + ")", floor
                        + " ms; SDK floor (the DynamoDB client and one GetItem): " + sdkFloor + " ms",
                Statistics.ratio(best.median(), floor) + "–" + Statistics.ratio(worst.median(), floor) + "; of the SDK floor "
                        + Statistics.ratio(best.median(), sdkFloor) + "–" + Statistics.ratio(worst.median(), sdkFloor), met));

        Map<String, Integer> httpClasses = new LinkedHashMap<>();
        figure.classes().forEach((function, counts) -> {
            if (figure.httpFunctions().contains(function)) {
                httpClasses.put(function, counts.values().stream().mapToInt(Integer::intValue).sum());
            }
        });
        if (!httpClasses.isEmpty()) {
            int most = httpClasses.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            int least = httpClasses.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            String worstHttp = httpClasses.entrySet().stream().filter(entry -> entry.getValue() == most).findFirst()
                    .orElseThrow().getKey();
            summary.add(row("1b", "Classes loaded by a cold start, HTTP functions", "≤ " + HTTP_CLASSES_TARGET,
                    least + "–" + most + " (most: " + worstHttp + ")", "SDK floor: " + sdkFloorClasses,
                    Statistics.ratio(least, sdkFloorClasses) + "–" + Statistics.ratio(most, sdkFloorClasses),
                    most <= HTTP_CLASSES_TARGET));
        }
        StringBuilder text = new StringBuilder();
        text.append("## 1. Cold start per function\n\n");
        text.append("Each run is a fresh JVM pinned to one core (`taskset -c 0`) with the function's environment from "
                + "template.yaml, JAVA_TOOL_OPTIONS included (`-XX:+TieredCompilation -XX:TieredStopAtLevel=1 "
                + "-Dsun.net.http.retryPost=false`), class path = the deployed functions.jar + the launcher "
                + "(bench/launcher: what Lambda's Java runtime does - load the handler class, construct it with its "
                + "no-argument constructor, invoke it once with the event's bytes, as the runtime does for a stream "
                + "handler, which every function here is). The handler fetches "
                + "its secrets from moto and calls moto and the sandbox as the first event requires; each run gets a fresh "
                + "event (a new Go request with a responded recipient, a new Idempotency-Key...). Timed from just before "
                + "the process is started to the line it prints with its answer. **Floor**: the same JVM, options, "
                + "class path and event with a stream handler that writes constant bytes without reading the event; "
                + "**SDK floor**: the same again with a handler (bench/launcher `SdkFloorHandler`) that builds the "
                + "DynamoDB client as the functions do (`AwsClients`, from the function's environment) and makes one "
                + "consistent GetItem of a key no item has before answering constant bytes - what any function pays "
                + "for keeping its state through the AWS SDK for Java v2, as the design asks. Floor and SDK floor runs "
                + "are interleaved with the function's runs. ")
                .append(figure.repetitions()).append(" runs each; medians.\n\n");
        text.append("| Function | First event | Median | Floor (median) | Ratio | SDK floor (median) | Over the SDK floor | Runs (ms) | Phases of the last run (ms) | Answer |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---|---|---|\n");
        for (ColdStart.Result result : results) {
            text.append("| ").append(result.function()).append(" | ").append(result.sample()).append(" | **")
                    .append(result.median()).append(" ms** | ").append(result.floorMedian()).append(" ms | ")
                    .append(Statistics.ratio(result.median(), result.floorMedian())).append(" | ")
                    .append(result.sdkFloorRuns().isEmpty() ? "— | — | " : result.sdkFloorMedian() + " ms | "
                            + (result.median() - result.sdkFloorMedian()) + " ms | ")
                    .append(result.runs()).append(" | ").append(result.phases()).append(" | ")
                    .append(result.answer()).append(" |\n");
        }
        List<String> unsuccessful = results.stream().filter(result -> result.answer() != null
                && result.answer().matches("status=[^2].*")).map(result -> result.function() + " (" + result.answer() + ")").toList();
        if (!unsuccessful.isEmpty()) {
            text.append("\nNot a success answer, so that cold start served an error path: ")
                    .append(String.join(", ", unsuccessful)).append(".\n");
        }
        text.append("\nPhases are the launcher's own clock: `jvm-to-main` = JVM start until main() (JVM boot, class "
                + "path opening), `construct` = loading and constructing the handler (static init, Components, SDK client "
                + "builders), `first-invoke` = reading the event with the function's own Jackson and serving it "
                + "(secrets fetched, first SDK and Cloudcheck calls, Jackson's first use).\n\n");
        if (!figure.classes().isEmpty()) {
            text.append("Classes loaded by one cold start (one more run per function with `-Xlog:class+load`, untimed):\n\n");
            List<String> groups = List.of("JDK", "AWS SDK", "Jackson", "this project", "Lambda libraries", "launcher", "other");
            text.append("| Function | total |");
            groups.forEach(group -> text.append(' ').append(group).append(" |"));
            text.append("\n|---|---:|");
            groups.forEach(group -> text.append("---:|"));
            text.append('\n');
            Map<String, Map<String, Integer>> rows = new LinkedHashMap<>(figure.classes());
            rows.put("SDK floor (DynamoDB client, one GetItem)", figure.sdkFloorClasses());
            rows.forEach((function, counts) -> {
                text.append("| ").append(function).append(" | ").append(counts.values().stream().mapToInt(Integer::intValue).sum())
                        .append(" |");
                groups.forEach(group -> text.append(' ').append(counts.getOrDefault(group, 0)).append(" |"));
                text.append('\n');
            });
            text.append("\nThe class-loading logs: bench/out/work/class-load-<function>.log.\n");
            text.append('\n');
        }
        LoggingCost.Result logging = figure.logging();
        text.append("Logging's part (`LoggingCost`): a fresh JVM on one core with the functions' JAVA_TOOL_OPTIONS, class "
                + "path = slf4j-api + the provider + the launcher, timed inside the JVM from SLF4J's first call to the third "
                + "route line written with request id and business keys (`FirstLogLines`); the two providers' runs "
                + "interleaved, ").append(logging.jsonMicros().size()).append(" each; medians.\n\n");
        text.append("| Provider | Median | Runs (µs) |\n|---|---:|---|\n");
        text.append("| the functions' (logging/, JSON lines as Lambda's LogFormat JSON) | **").append(logging.jsonMedian())
                .append(" µs** | ").append(logging.jsonMicros()).append(" |\n");
        text.append("| slf4j-simple (what the functions used before) | ").append(logging.simpleMedian()).append(" µs | ")
                .append(logging.simpleMicros()).append(" |\n\n");
        if (met) {
            text.append("**Target met**: every function's median is at most ").append(COLD_START_TARGET_MS).append(" ms.\n\n");
        } else {
            long over = results.stream().filter(result -> result.median() > COLD_START_TARGET_MS).count();
            List<Long> construct = new ArrayList<>();
            List<Long> firstInvoke = new ArrayList<>();
            List<Long> floorPhase = new ArrayList<>();
            for (ColdStart.Result result : results) {
                Map<String, Long> phases = phases(result.phases());
                if (phases.containsKey("construct")) {
                    construct.add(phases.get("construct"));
                    firstInvoke.add(phases.get("first-invoke"));
                    floorPhase.add(phases.get("jvm-to-main"));
                }
            }
            text.append("**Target not met** for ").append(over).append(" of ").append(results.size())
                    .append(" functions: the worst median is ").append(worst.median()).append(" ms (")
                    .append(worst.function()).append("), ").append(worst.median() - COLD_START_TARGET_MS)
                    .append(" ms over; the best is ").append(best.median()).append(" ms (").append(best.function())
                    .append(").\n\nCause, as measured in this run:\n\n");
            text.append("- **The floor takes ").append(floor).append(" ms** (median over functions) of the ")
                    .append(COLD_START_TARGET_MS).append(" ms: a JVM on one core with C1 only, opening the class path "
                            + "and answering constant bytes. It is not our code, and it leaves ")
                    .append(COLD_START_TARGET_MS - floor).append(" ms for everything a function does.\n");
            text.append("- **The SDK floor takes ").append(sdkFloor).append(" ms and loads ").append(sdkFloorClasses)
                    .append(" classes** (median over functions): the DynamoDB client of the AWS SDK for Java v2, built as "
                            + "the functions build it, and one GetItem. Every function here keeps its state in DynamoDB "
                            + "through that client, so a cold start without a snapshot cannot be under it: ")
                    .append(leftOf(COLD_START_TARGET_MS, sdkFloor, "ms")).append(" and ")
                    .append(leftOf(HTTP_CLASSES_TARGET, sdkFloorClasses, "classes")).append(".\n");
            text.append("- **Our own part** (median − floor) is ").append(best.median() - best.floorMedian()).append("–")
                    .append(worst.median() - worst.floorMedian()).append(" ms. Over the functions, the median `construct` "
                            + "phase is ").append(Statistics.median(construct)).append(" ms and the median `first-invoke` "
                            + "phase is ").append(Statistics.median(firstInvoke)).append(" ms (which includes reading the "
                            + "event).\n");
            Map<String, Integer> create = figure.classes().getOrDefault("CreateFunction",
                    figure.classes().values().stream().findFirst().orElse(Map.of()));
            if (!create.isEmpty()) {
                text.append("- **What is loaded**: a cold start of CreateFunction loads ")
                        .append(create.values().stream().mapToInt(Integer::intValue).sum()).append(" classes, of which ")
                        .append(create.getOrDefault("AWS SDK", 0)).append(" are the AWS SDK's (DynamoDB and Secrets "
                                + "Manager clients: builders, endpoint rules, SigV4 signer, marshallers, retry and checksum "
                                + "machinery), ").append(create.getOrDefault("Jackson", 0))
                        .append(" Jackson's (databind's first mapper, tree and record binding) and ")
                        .append(create.getOrDefault("this project", 0)).append(" ours; on one core with C1 and no "
                                + "class-data sharing for the application, loading and linking is most of the cost.\n");
            }
            text.append("- **Round trips to moto and the sandbox**: the first event fetches secrets (Secrets Manager), "
                    + "writes the Idempotency-Key claim and the result (DynamoDB) and calls the sandbox; moto is a Python "
                    + "emulator, slower per call than DynamoDB in-region.\n");
            if (!create.isEmpty() && !figure.sdkFloorClasses().isEmpty()) {
                Map<String, Integer> floorClasses = figure.sdkFloorClasses();
                text.append("- **Above the SDK floor**, CreateFunction loads ")
                        .append(create.values().stream().mapToInt(Integer::intValue).sum() - sdkFloorClasses)
                        .append(" classes more: Jackson ").append(create.getOrDefault("Jackson", 0) - floorClasses.getOrDefault("Jackson", 0))
                        .append(", AWS SDK ").append(create.getOrDefault("AWS SDK", 0) - floorClasses.getOrDefault("AWS SDK", 0))
                        .append(" (the Secrets Manager client and the models of the other DynamoDB operations), JDK ")
                        .append(create.getOrDefault("JDK", 0) - floorClasses.getOrDefault("JDK", 0))
                        .append(", this project ").append(create.getOrDefault("this project", 0) - floorClasses.getOrDefault("this project", 0))
                        .append(".\n");
            }
            text.append("\nLevers tried, one at a time, each kept only where its runs showed it pays (their runs: "
                    + "bench/levers/): API events read as a JSON tree instead of Jackson's bean binding (kept), the "
                    + "archive store's S3 client built at first use (kept), a static endpoint provider for DynamoDB and "
                    + "Secrets Manager (not kept: the same classes loaded). None can take a function below the SDK floor; "
                    + "what is left above it is mostly Jackson's databind (the design's JSON library, used by every "
                    + "function for Cloudcheck's and the API's shapes) and the Secrets Manager client. Below the "
                    + "floor, only a restored snapshot helps: SnapStart, figure 6.\n\n");
        }
        sections.put(1, text.toString());
    }

    private static final Pattern PHASE = Pattern.compile("([a-z-]+)=(-?\\d+)");

    static Map<String, Long> phases(String text) {
        Map<String, Long> phases = new LinkedHashMap<>();
        Matcher matcher = PHASE.matcher(text == null ? "" : text);
        while (matcher.find()) {
            phases.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return phases;
    }

    // ---------------------------------------------------------------- figure 2

    void artifact(ArtifactSize.Result result) {
        boolean met = result.uploadZipBytes() <= ARTIFACT_TARGET_BYTES;
        summary.add(row("2", "Deployment artifact per function (what sam build uploads)", "≤ 12 MiB",
                mib(result.uploadZipBytes()), "—", "—", met));
        StringBuilder text = new StringBuilder();
        text.append("## 2. Deployment artifact\n\n");
        text.append("Every function's CodeUri is built by the root Makefile (`BuildMethod: makefile`), which copies the "
                + "one shaded jar `functions/target/functions.jar` to `lib/` of the function's artifact directory; SAM "
                + "zips that directory and uploads it. So every function uploads the same thing: a zip holding "
                + "`lib/functions.jar`. The harness makes that zip (deflated, as SAM does) and measures it. The jar's "
                + "entries are stored, not deflated (functions/pom.xml): the upload's one deflate over the whole jar "
                + "then finds the redundancy between classes that deflating each class alone cannot. MB here is "
                + "MiB (2^20 bytes), as AWS states Lambda's package limits.\n\n");
        text.append("| What | Size |\n|---|---:|\n");
        text.append("| functions.jar | ").append(mib(result.jarBytes())).append(" (").append(String.format(Locale.ROOT, "%,d", result.jarBytes()))
                .append(" bytes, ").append(result.entries()).append(" files) |\n");
        text.append("| Upload per function (zip of lib/functions.jar) | **").append(mib(result.uploadZipBytes())).append("** (")
                .append(String.format(Locale.ROOT, "%,d", result.uploadZipBytes())).append(" bytes) |\n");
        text.append("| Target | ").append(mib(ARTIFACT_TARGET_BYTES)).append(" |\n\n");
        text.append("Largest dependencies (entries put down to the jar they came from in functions' runtime class "
                + "path; \"in the upload\" is a dependency's entries deflated together, its share of the upload):\n\n");
        text.append("| # | Dependency | In the upload | In the jar | Files |\n|---:|---|---:|---:|---:|\n");
        int rank = 1;
        for (ArtifactSize.Dependency dependency : result.largestDependencies(5)) {
            text.append("| ").append(rank++).append(" | ").append(dependency.name()).append(" | ")
                    .append(mib(dependency.deflatedBytes())).append(" | ").append(mib(dependency.bytes())).append(" | ")
                    .append(dependency.entries()).append(" |\n");
        }
        ArtifactSize.Dependency own = result.own();
        text.append("| | ").append(own.name()).append(" | ").append(mib(own.deflatedBytes())).append(" | ")
                .append(mib(own.bytes())).append(" | ").append(own.entries()).append(" |\n\n");
        text.append("<details><summary>Every dependency</summary>\n\n| Dependency | In the upload | In the jar | Files |\n"
                + "|---|---:|---:|---:|\n");
        for (ArtifactSize.Dependency dependency : result.dependencies()) {
            text.append("| ").append(dependency.name()).append(" | ").append(kib(dependency.deflatedBytes())).append(" | ")
                    .append(kib(dependency.bytes())).append(" | ").append(dependency.entries()).append(" |\n");
        }
        text.append("\n</details>\n\n");
        if (met) {
            text.append("**Target met**: ").append(mib(result.uploadZipBytes())).append(", ")
                    .append(mib(ARTIFACT_TARGET_BYTES - result.uploadZipBytes())).append(" under.\n\n");
        } else {
            long top = result.largestDependencies(5).stream().mapToLong(ArtifactSize.Dependency::deflatedBytes).sum();
            long sdk = result.dependencies().stream().filter(dependency -> dependency.name().startsWith("software.amazon.awssdk:"))
                    .mapToLong(ArtifactSize.Dependency::deflatedBytes).sum();
            text.append("**Target not met**: ").append(mib(result.uploadZipBytes())).append(", ")
                    .append(mib(result.uploadZipBytes() - ARTIFACT_TARGET_BYTES)).append(" over. Cause, as measured: the "
                            + "five largest dependencies are ").append(mib(top)).append(" of the upload, and the AWS SDK "
                            + "modules together ").append(mib(sdk)).append(". An SDK service module (s3, dynamodb) carries "
                            + "the request/response model, marshallers and endpoint rules of every operation of its "
                            + "service, while the functions call a handful (S3: PutObject, multipart upload, tagging, head, "
                            + "presign; DynamoDB: get/put/update/delete/query/batch/transact); and every function ships "
                            + "every dependency because all share one jar (only the archive and downloads functions use S3). "
                            + "What would close it (outside bench/, not changed here): a jar per function group so that "
                            + "the front-end functions do not carry S3; or shade `minimizeJar` with the SDK's "
                            + "reflectively-loaded classes (service metadata, `*Marshaller`, endpoint rule classes) kept by "
                            + "filters, checked by this figure and figure 1's cold starts against the shaded jar.\n\n");
        }
        sections.put(2, text.toString());
    }

    // ---------------------------------------------------------------- figure 3

    void warmCost(List<WarmCost.Result> results) {
        WarmCost.Result floor = find(results, WarmCost.FLOOR);
        WarmCost.Result create1 = find(results, WarmCost.CREATE_1);
        WarmCost.Result create500 = find(results, WarmCost.CREATE_500);
        WarmCost.Result callback = find(results, WarmCost.CALLBACK);
        warmCallback = callback;
        boolean p99Met = millis(create1.p99()) <= WARM_P99_TARGET_MS && millis(callback.p99()) <= WARM_P99_TARGET_MS;
        boolean writesMet = create500.dynamoDbWrites() <= WRITES_TARGET;
        summary.add(row("3a", "Warm p99, create (1 recipient) and Go callback", "≤ 5 ms",
                ms(create1.p99()) + " / " + ms(callback.p99()), ms(floor.p99()) + " (p99)",
                Statistics.ratio(create1.p99(), floor.p99()) + " / " + Statistics.ratio(callback.p99(), floor.p99()), p99Met));
        summary.add(row("3b", "DynamoDB write requests, create with 500 recipients", "≤ " + WRITES_TARGET,
                String.valueOf(create500.dynamoDbWrites()), "1 (the floor's one PutItem)", "—", writesMet));
        StringBuilder text = new StringBuilder();
        text.append("## 3. Warm cost per invocation, network subtracted\n\n");
        text.append("How: each fork is a fresh JVM pinned to one core with the template's JVM options (so C1 only, as "
                + "the functions run in Lambda). Per scenario it builds the function's real handler from the function's "
                + "environment (`new Handler(Components.fromEnvironment(env))`, the wiring the no-argument constructor "
                + "uses), serves one event for real against moto and the sandbox (secrets fetched and cached, classes "
                + "loaded), serves a second event for real while every HTTP exchange is **recorded**, and then serves "
                + "that event again and again with each exchange **answered from the recording in memory** "
                + "(bench `RecordedHttp`: a `http:` URL handler under `HttpURLConnection`, which both the AWS SDK's "
                + "url-connection client and the Cloudcheck client use). Every replayed invocation must make exactly the "
                + "recorded calls, in order, and answer the recorded status, or the run fails. So the time is all of our "
                + "code and all of the SDK's above the socket (marshalling, SigV4 signing, CRC32 checks, "
                + "unmarshalling) and the Cloudcheck client's (HMAC signing, form encoding, JSON), with the network, the "
                + "servers and the JDK's HTTP wire code subtracted; handler logging stays on. The timed part is the handler "
                + "as Lambda calls it: the event's raw bytes in (each HTTP function is a stream handler and reads them "
                + "with its own Jackson), the response's bytes out. Warm-up: ")
                .append(options.quick() ? "20 invocations" : "at least 2,000 invocations and 3 s")
                .append(" per scenario; then ")
                .append(options.quick() ? "20 timed invocations" : "up to 20,000 timed invocations or 5 s (at least 200)")
                .append(". Figures are the medians over ").append(floor.p50Nanos().size())
                .append(" forks of each fork's percentile. **Floor**: one small conditional DynamoDB PutItem "
                        + "through the same client and replay - the least a request that records anything does.\n\n");
        text.append("| Invocation | p50 | p99 | worst fork's p99 | ratio p50 / floor p50 | DynamoDB writes per invocation | Calls replayed per invocation | Timed invocations per fork |\n");
        text.append("|---|---:|---:|---:|---:|---:|---|---:|\n");
        for (WarmCost.Result result : results) {
            text.append("| ").append(result.name()).append(" | ").append(ms(result.p50())).append(" | **")
                    .append(ms(result.p99())).append("** | ").append(ms(result.worstP99())).append(" | ")
                    .append(Statistics.ratio(result.p50(), floor.p50())).append(" | ").append(result.dynamoDbWrites())
                    .append(" | ").append(result.calls()).append(" | ").append(result.invocationsPerFork()).append(" |\n");
        }
        text.append("\nDynamoDB writes are counted at the HTTP layer during the recorded (real, against moto) invocation: "
                + "PutItem, UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems requests.\n\n");
        text.append(p99Met ? "**p99 target met** for a single-recipient create and a callback.\n\n"
                : "**p99 target not met**: create " + ms(create1.p99()) + ", callback " + ms(callback.p99())
                        + " against 5 ms; see the per-fork figures above (a p99 on a shared two-core machine includes "
                        + "its neighbours' bursts and our own GC pauses on the single pinned core).\n\n");
        text.append(writesMet ? "**Write target met**: a 500-recipient create is " + create500.dynamoDbWrites()
                + " write requests (the request item holds the roster, so it is one PutItem whatever the number of "
                + "recipients, plus the Idempotency-Key's claim and completion).\n\n"
                : "**Write target not met**: " + create500.dynamoDbWrites() + " write requests.\n\n");
        sections.put(3, text.toString());
    }

    private static WarmCost.Result find(List<WarmCost.Result> results, String name) {
        return results.stream().filter(result -> result.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no warm-cost result for " + name));
    }

    // ---------------------------------------------------------------- figure 4

    void archive(ArchiveMemory.Result result) {
        double ratio = result.throughput() / result.floorThroughput();
        boolean met = result.verified() && ratio >= ARCHIVE_RATIO_TARGET;
        summary.add(row("4", "Archive a " + mib(result.zipBytes()) + " zip with -Xmx256m (throughput)",
                "no failure; ≥ 50 % of floor", String.format(Locale.ROOT, "%.1f MiB/s, peak heap %s, peak RSS %s",
                        result.throughput(), mib(result.peakHeap()), mib(result.peakRss())),
                String.format(Locale.ROOT, "%.1f MiB/s", result.floorThroughput()),
                String.format(Locale.ROOT, "%.0f %%", ratio * 100), met));
        StringBuilder text = new StringBuilder();
        text.append("## 4. Archive memory\n\n");
        text.append("A Go request of ").append(result.recipients()).append(" recipients, made through the real handlers, "
                + "every recipient responded in the sandbox with its PDF padded by ").append(mib(result.paddingBytes()))
                .append(", and a results-zip job started as `POST /go/requests/{ref}/archive` starts it: the zip the sandbox "
                        + "serves is ").append(String.format(Locale.ROOT, "%,d", result.zipBytes())).append(" bytes (")
                .append(mib(result.zipBytes())).append("). Each round, two child JVMs run one after the other, each with "
                        + "`-Xmx256m`, the template's JVM options and ReconcileFunction's environment (the function that "
                        + "polls zip jobs): **archive** = `ZipArchiver.poll` as the schedule runs it (claim, signed fetch "
                        + "from the sandbox, streamed into S3 as 8 MiB multipart parts with SSE-KMS, SHA-256 over the "
                        + "stream, tag, record in DynamoDB); **floor** = the same signed fetch of the same zip copied "
                        + "plainly into S3 (moto) by an 8 MiB multipart upload, no hashing, encryption header or DynamoDB. "
                        + "Each archived object is checked: its size and SHA-256 are those the sandbox served. Peak heap "
                        + "is sampled every 5 ms (`MemoryMXBean`); the sum of the heap pools' own peaks, an upper bound, is "
                        + "given too; RSS is `VmHWM` from /proc/self/status. Objects are deleted between rounds. Time: "
                        + "from before the fetch to the end of the upload, inside the child (JVM start excluded). ")
                .append(result.archives().size()).append(" rounds; throughput is the median.\n\n");
        text.append("| Round | Run | Seconds | MiB/s | Peak heap (sampled) | Sum of pool peaks | Peak RSS |\n");
        text.append("|---:|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < result.archives().size(); i++) {
            for (ArchiveMemory.Run run : List.of(result.floors().get(i), result.archives().get(i))) {
                text.append("| ").append(i + 1).append(" | ").append(run.kind()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", run.seconds())).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", run.mibPerSecond())).append(" | ")
                        .append(mib(run.peakHeapSampled())).append(" | ").append(mib(run.peakHeapPools())).append(" | ")
                        .append(mib(run.vmHwmBytes())).append(" |\n");
            }
        }
        text.append(String.format(Locale.ROOT, "%n**Archive %.1f MiB/s against the floor's %.1f MiB/s: %.0f %%.** ",
                result.throughput(), result.floorThroughput(), ratio * 100));
        text.append(met ? "Target met: no failure in a 256 MB heap, and at least 50 % of the floor's throughput."
                : "Target not met" + (result.verified() ? ": below 50 % of the floor's throughput." : ": an archive was not verified."));
        text.append(String.format(Locale.ROOT, " The sampled peak heap (%s of %s) is what the collector let accumulate "
                        + "between collections, not the live set: the floor, which holds one 8 MiB buffer, peaks at %s.%n%n",
                mib(result.peakHeap()), "256 MiB", mib(result.floorPeakHeap())));
        sections.put(4, text.toString());
    }

    // ---------------------------------------------------------------- figure 5

    void burst(CallbackBurst.Result result) {
        boolean met = result.ofMotoRate() >= BURST_MOTO_RATIO_TARGET && result.exactlyOnce();
        summary.add(row("5", "Callback burst: " + String.format(Locale.ROOT, "%,d", result.callbacks()) + " Go callbacks, "
                        + result.recipients() + " recipients", "≥ 0.8 of moto's own conditional PutItem rate (same "
                        + "concurrency); all archived exactly once",
                String.format(Locale.ROOT, "%.0f /s, p99 %s; %d/%d archived once", result.burst().perSecond(),
                        ms(result.burst().p99()), result.archived(), result.recipients()),
                String.format(Locale.ROOT, "moto: %.0f PutItem/s (%d clients); local API, constant handler: %.0f /s",
                        result.motoWrites().perSecond(), result.motoWrites().clients(), result.floor().perSecond()),
                String.format(Locale.ROOT, "%.2f of moto's rate", result.ofMotoRate()), met));
        StringBuilder text = new StringBuilder();
        text.append("## 5. Callback burst\n\n");
        text.append("The local stack (`org.cloudcheckkit.local.LocalStack`: its own moto, the sandbox, the local HTTP API "
                + "in front of the real handlers, the table's stream consumer invoking ArchiveFunction in batches of 10). ")
                .append(result.recipients()).append(" recipients in Go requests of 100, created and sent through the API "
                        + "and completed (PASS) in the sandbox with the sandbox's own callbacks dropped, so only this burst "
                        + "tells the service about them; the reconciler is kept an hour away (RECONCILE_INTERVAL_SECONDS, "
                        + "LOCAL_SCHEDULE_SECONDS = 3600) so it cannot archive what a lost callback would have missed. The "
                        + "burst: each recipient's Delivered, Opened, Clicked and Responded, recipients interleaved at "
                        + "random (seed 42), plus ").append(result.duplicates()).append(" duplicates (")
                .append(percent(result.duplicates(), result.callbacks())).append(") a few calls after their original, and "
                        + "swapped pairs so that ").append(result.outOfOrder()).append(" calls (")
                .append(percent(result.outOfOrder(), result.callbacks())).append(") arrive after a later status of their "
                        + "recipient: ").append(String.format(Locale.ROOT, "%,d", result.callbacks())).append(" GET "
                        + "/callbacks/go calls with the notificationUrl's cid and t, sent by ").append(result.clients())
                .append(" concurrent HTTP/1.1 clients, each timed from send to the full answer. **Floor**: the same "
                        + "calls by the same clients through the same local API, in a stack whose template names a "
                        + "constant handler (bench `ConstantReceiptHandler`) in place of the receipt handler.\n\n");
        text.append(String.format(Locale.ROOT, "**Real floor, same run**: moto's own rate for the one write each answer "
                        + "waits for - %,d conditional PutItems of new items, by %d concurrent clients, straight to moto "
                        + "(the floor's stack's: same template and table, its stream consumer idle) through the receipt "
                        + "function's own DynamoDB client, after the floor's burst: **%.0f /s**. The burst's rate is **%.2f** of it (target ≥ %.1f).%n%n", result.motoWrites().writes(),
                result.motoWrites().clients(), result.motoWrites().perSecond(), result.ofMotoRate(), BURST_MOTO_RATIO_TARGET));
        text.append("| | Callbacks/s | p50 | p99 | Non-2xx | Answered duplicate | moto PutItem meanwhile, p50 / p99 |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Object[] line : new Object[][] {{"Receipt handler", result.burst()}, {"Floor (constant handler)", result.floor()}}) {
            CallbackBurst.Sent sent = (CallbackBurst.Sent) line[1];
            text.append("| ").append(line[0]).append(" | **").append(String.format(Locale.ROOT, "%.0f", sent.perSecond()))
                    .append("** | ").append(ms(sent.p50())).append(" | ").append(ms(sent.p99())).append(" | ")
                    .append(sent.non2xx()).append(" | ").append(sent.duplicatesAnswered()).append(" | ")
                    .append(ms(sent.motoWriteP50())).append(" / ").append(ms(sent.motoWriteP99())).append(" |\n");
        }
        text.append("\nAfter the burst (archiving runs behind the stream, while and after the burst is answered):\n\n");
        text.append("| Check | Result |\n|---|---|\n");
        text.append("| Recipients with archiveState = ARCHIVED | ").append(result.archived()).append(" / ")
                .append(result.recipients()).append(" |\n");
        text.append("| PDF object versions in S3 | ").append(result.pdfVersions()).append(" (one per recipient: ")
                .append(result.pdfVersions() == result.recipients()).append(") |\n");
        text.append("| JSON object versions in S3 | ").append(result.jsonVersions()).append(" (one per recipient: ")
                .append(result.jsonVersions() == result.recipients()).append(") |\n");
        text.append("| Other object versions under the requests' prefixes | ").append(result.extraVersions()).append(" |\n");
        text.append("| Distinct callbacks recorded (EVENT# items) | ").append(result.recordedEvents()).append(" of ")
                .append(result.distinctCallbacks()).append(" distinct sent |\n");
        text.append(String.format(Locale.ROOT, "| Last recipient archived | %.0f s after the burst's last answer (checked "
                + "every 5 s): the %d distinct callbacks were processed behind the stream at %.1f /s |%n%n",
                result.archivedAfterSeconds(), result.distinctCallbacks(),
                result.distinctCallbacks() / (result.burst().seconds() + result.archivedAfterSeconds())));
        text.append(met ? "**Target met**: " + String.format(Locale.ROOT, "%.0f callbacks/s, %.2f of moto's own rate",
                result.burst().perSecond(), result.ofMotoRate()) + ", none lost, every recipient archived exactly once.\n\n"
                : "**Target not met**" + (result.exactlyOnce() ? "" : " (exactly-once check failed)") + ": "
                        + String.format(Locale.ROOT, "%.0f callbacks/s, %.2f of moto's own rate", result.burst().perSecond(),
                        result.ofMotoRate()) + ".\n\n");
        text.append("What an answer is made of, as measured: the local API alone answers at ")
                .append(String.format(Locale.ROOT, "%.0f", result.floor().perSecond())).append("/s (floor)");
        if (warmCallback != null) {
            text.append("; the receipt's own work, network subtracted, is ").append(ms(warmCallback.p50()))
                    .append(" at p50 (figure 3: authenticate the token, one conditional DynamoDB PutItem)");
        }
        text.append(String.format(Locale.ROOT, ". The rest of each answer is that PutItem's round trip to moto: sampled "
                        + "during the burst (last column), one conditional PutItem took %s at p50 and %s at p99, against "
                        + "%s / %s during the floor's burst, when that stack's moto had nothing else to do. moto is one "
                        + "Python process; during the burst it also serves the archive function behind the stream (result "
                        + "fetches, S3 puts, status updates), on two cores shared with the load generator, the local API, "
                        + "the sandbox and other work on this machine. Behind the stream,",
                ms(result.burst().motoWriteP50()), ms(result.burst().motoWriteP99()), ms(result.floor().motoWriteP50()),
                ms(result.floor().motoWriteP99())));
        text.append(" each distinct callback makes the archive function fetch the result from "
                + "Cloudcheck (the callback is only a hint); a recipient's first final one also fetches and stores the "
                + "PDF and JSON.\n\n");
        sections.put(5, text.toString());
    }

    // ---------------------------------------------------------------- figure 6

    void priming(List<Priming.Result> results) {
        long met = results.stream().filter(Priming.Result::met).count();
        Priming.Result worst = results.stream().max(java.util.Comparator.comparingDouble(
                result -> (double) result.primedOwn() / Math.max(1, result.warmP50()))).orElseThrow();
        summary.add(row("6", "SnapStart priming: primed first invocation, network subtracted, every function",
                "≤ " + Priming.TARGET_WARM_MULTIPLE + "× warm p50", met + " of " + results.size() + " within; worst "
                        + worst.function() + " " + ms(worst.primedOwn()) + " (unprimed " + ms(worst.unprimedOwn()) + ")",
                ms(worst.warmP50()) + " (its warm p50)", Statistics.ratio(worst.primedOwn(), worst.warmP50()),
                met == results.size()));
        int repetitions = results.get(0).primed().size();
        StringBuilder text = new StringBuilder();
        text.append("## 6. SnapStart priming, measured\n\n");
        text.append("What Lambda runs before it takes a function's snapshot is the function's init (the handler's "
                + "no-argument constructor) and then every CRaC resource registered with `org.crac`'s global context "
                + "(`beforeCheckpoint`); after a restore, their `afterRestore`, then the first event. A JDK without CRaC "
                + "drops those registrations, so the harness gives org.crac an implementation of its own "
                + "(`-Dorg.crac.Core.Compat=org.cloudcheckkit.bench.crac`, bench `crac.Core`), through which the "
                + "functions' registrations arrive unchanged and `org.crac.Core.checkpointRestore()` runs them. Each run "
                + "is a fresh JVM pinned to one core with the function's environment from template.yaml "
                + "(JAVA_TOOL_OPTIONS included) and class path = functions.jar, then the harness (`PrimedStart`). "
                + "**Primed**: init, checkpoint and restore hooks, then a fresh first event, then that event replayed "
                + "from its recording until warm: the function's **warm p50** with the network subtracted, as figure 3 "
                + "measures it (at least 1,000 invocations and 2 s of warm-up, then up to 10,000 timed or 3 s). "
                + "**Unprimed**: init, then a fresh first event (no snapshot: a region or version without SnapStart). "
                + "Each first invocation's round trips to moto and the sandbox are timed as `RecordedHttp` sends and "
                + "records them (connect, send, the server, read the answer), so **own** = first invocation − its "
                + "round trips. Target: own ≤ ").append(Priming.TARGET_WARM_MULTIPLE).append("× warm p50. The memory "
                + "image is not taken or restored here (that, Lambda's `Restore Duration`, is Lambda's part); what is "
                + "measured is what the hooks leave undone; its causes are counted beside it: the classes the first "
                + "invocation loads and the JIT compiler's time during it (`ClassLoadingMXBean`, `CompilationMXBean`; "
                + "the compiler shares the one core). ").append(repetitions)
                .append(" runs of each kind, interleaved; medians.\n\n");
        text.append("| Function | First event | Unprimed first (own + network) | Primed first (own + network) | "
                + "Warm p50 | Primed own / warm p50 | Round trips | Hooks took | Classes loaded by the first "
                + "invocation, unprimed / primed | JIT time during the primed one | Met |\n");
        text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Priming.Result result : results) {
            Priming.Run last = result.primed().get(result.primed().size() - 1);
            text.append("| ").append(result.function()).append(" | ").append(result.sample()).append(" | ")
                    .append(ms(result.unprimedFirst())).append(" (").append(ms(result.unprimedOwn())).append(" + ")
                    .append(ms(result.unprimedNetwork())).append(") | **").append(ms(result.primedFirst())).append("** (")
                    .append(ms(result.primedOwn())).append(" + ").append(ms(result.primedNetwork())).append(") | ")
                    .append(ms(result.warmP50())).append(" | ").append(Statistics.ratio(result.primedOwn(), result.warmP50()))
                    .append(" | ").append(last.calls()).append(" | ").append(ms(result.checkpoint())).append(" | ")
                    .append(result.unprimedLoaded()).append(" / ").append(result.primedLoaded()).append(" | ")
                    .append(result.primedCompilingMillis()).append(" ms | ")
                    .append(result.met() ? "**met**" : "**not met**").append(" |\n");
        }
        text.append("\n");
        if (met == results.size()) {
            text.append("**Target met** for every function.\n\n");
        } else {
            text.append("**Target not met** for ").append(results.size() - met).append(" of ").append(results.size())
                    .append(" functions; the worst is ").append(worst.function()).append(": ").append(ms(worst.primedOwn()))
                    .append(" of its own against ").append(Priming.TARGET_WARM_MULTIPLE).append(" × ")
                    .append(ms(worst.warmP50())).append(".\n\n");
        }
        sections.put(6, text.toString());
    }

    // ---------------------------------------------------------------- the document

    String markdown() {
        StringBuilder text = new StringBuilder();
        text.append(options.quick() ? "# Benchmark results - QUICK MODE (harness check, times not meaningful)\n\n"
                : "# Benchmark results\n\n");
        text.append("Written by the harness (bench/), ").append(BenchMain.utc(date)).append(", commit `")
                .append(machine.commit()).append("` plus the working tree as built.\n\n");
        text.append("- **Machine**: ").append(machine.summary()).append(". Load average when the run started: ")
                .append(machine.loadAverage()).append(" - the machine is shared (two cores, other work running), so "
                        + "every timing is a median of repeated runs and stands beside its floor measured in the same run.\n");
        text.append("- **Reproduce**: `").append(options.command()).append("` from the project root (builds with `mvn -q -B "
                + "-pl bench,bench/launcher -am package -DskipTests`, stages the jars, runs every figure one after another). "
                + "This run took ").append(String.format(Locale.ROOT, "%.0f", totalSeconds / 60.0)).append(" min. "
                        + "`bench/run --quick` runs every figure's code path once at tiny sizes, asserts only that it "
                        + "completes, and writes bench/out/RESULTS-quick.md instead of this file.\n");
        text.append("- **Not Lambda**: template.yaml deploys on java21, arm64, 1769 MB (about one vCPU); this is JDK 17 "
                + "on x86-64, with moto (a Python emulator) in place of DynamoDB, S3 and Secrets Manager and the "
                + "in-process sandbox in place of Cloudcheck. Absolute times are this machine's; the floors, measured "
                + "alongside, are what makes them comparable. Raw figures of this run: bench/out/results.json.\n");
        text.append("- Needs `moto_server` on PATH (each figure starts its own on a free port and stops it) and `taskset`.\n\n");
        text.append("## Summary\n\n| # | Figure | Target | Measured | Floor (same run) | Ratio | Met |\n|---|---|---|---|---|---|---|\n");
        for (String[] line : summary) {
            text.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        text.append('\n');
        sections.values().forEach(text::append);
        text.append(SNAPSTART);
        return text.toString();
    }

    private static final String SNAPSTART = """
            ## SnapStart priming: what it runs, and what is not measured here

            template.yaml enables SnapStart (`SnapStart: ApplyOn: PublishedVersions`, with `AutoPublishAlias`). Every \
            handler's no-argument constructor builds its dependencies through `Components.fromEnvironment`, which \
            registers a `SnapStartPriming` resource (shared/.../config/SnapStartPriming.java) with \
            `org.crac.Core.getGlobalContext()`. Its `beforeCheckpoint` runs, without side effects: Jackson writing, \
            reading and validating a Go request; the Cloudcheck request signer on dummy credentials; a DynamoDB GetItem \
            of a key that never exists; an S3 presign and a read of a key that never exists when the function has an \
            archive store; then, over an in-memory AWS (`InMemoryAws`: DynamoDB items kept in the process, a dummy \
            secret that is no deployment's, S3 puts taken) and an in-memory Cloudcheck (`InMemoryCloudcheck`: the \
            client's own HTTP exchange answered with canned answers in the sandbox's shapes), a Go request, an Akahu \
            session and an archived result are made as a real request makes them, and the function's own handler \
            answers its route's example event (functions' resources priming/, copied from events/) 200 times, each \
            time on the route's success path (checked: a 2xx, an empty batch failure list, no failed reconcile; an \
            idempotent route's request under an Idempotency-Key of its own each time), followed by the SDK operations \
            the services use (DynamoDB GetItem, PutItem, UpdateItem, DeleteItem, Query, TransactWriteItems; Secrets \
            Manager GetSecretValue). The in-memory function shares the real one's ObjectMapper (Jackson builds a \
            type's serializers once per mapper, so those priming builds are the first request's) and writes its \
            metrics as the real one does, to nowhere. Figure 6 measures what that leaves for the first request.

            **Not measured here**: the snapshot itself. Lambda restores a Firecracker micro-VM's memory (its \
            `Restore Duration`), which a JDK 17 without CRaC cannot do; figure 6 runs the hooks in the same JVM and \
            serves the first event after them. To measure a deployed function, compare `Restore Duration` + \
            `Duration` of a version's first invocation with the `Init Duration` of a version without SnapStart, in the \
            functions' REPORT log lines.
            """;

    // ---------------------------------------------------------------- formatting

    /** What a floor leaves of a target, or how far over the target the floor alone is. */
    private static String leftOf(long target, long floor, String unit) {
        return floor <= target
                ? "it leaves " + (target - floor) + " " + unit + " of the target (" + target + ") for everything else"
                : "it alone is " + (floor - target) + " " + unit + " over the target (" + target + ")";
    }

    private static String[] row(String number, String figure, String target, String measured, String floor, String ratio,
                                boolean met) {
        return new String[] {number, figure, target, measured, floor, ratio, met ? "**met**" : "**not met**"};
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static String ms(long nanos) {
        double millis = millis(nanos);
        return millis < 10 ? String.format(Locale.ROOT, "%.2f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / 1024.0 / 1024.0);
    }

    static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,.0f KiB", bytes / 1024.0);
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }
}
