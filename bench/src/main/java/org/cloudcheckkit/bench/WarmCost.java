package org.cloudcheckkit.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.localaws.StackTemplate;

/**
 * Figure 3: the warm cost of an invocation with the network subtracted. Each fork is a fresh JVM
 * ({@link WarmCostRun}) pinned to one core with the template's JVM options - C1 only, as Lambda runs the code - that
 * records one real invocation per scenario against moto and the sandbox and then replays it from memory, timing each
 * replayed invocation. Figures are the medians over forks of each fork's p50 and p99. The floor is one DynamoDB
 * PutItem through the same SDK client and the same replay, measured in the same forks.
 */
final class WarmCost {
    static final String CREATE_1 = "create, 1 recipient";
    static final String CREATE_500 = "create, 500 recipients";
    /** The large create's size in quick mode, where nothing is measured: still more than one roster chunk. */
    static final int QUICK_RECIPIENTS = 60;
    static final String CALLBACK = "Go callback receipt";
    static final String CARD = "card verification initiate";
    static final String FLOOR = "floor: one DynamoDB PutItem";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectRoot;
    private final StackTemplate template;
    private final Path workDirectory;

    WarmCost(Path projectRoot, Path workDirectory) {
        this.projectRoot = projectRoot;
        this.template = StackTemplate.read(projectRoot.resolve("template.yaml"));
        this.workDirectory = workDirectory;
    }

    /** One scenario over all forks. */
    record Result(String name, List<Long> p50Nanos, List<Long> p99Nanos, List<Long> maxNanos, int invocationsPerFork,
                  Map<String, Integer> calls, int dynamoDbWrites) {
        long p50() {
            return Statistics.median(p50Nanos);
        }

        long p99() {
            return Statistics.median(p99Nanos);
        }

        long worstP99() {
            return p99Nanos.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    List<Result> measure(int forks, boolean quick) {
        Map<String, List<WarmCostRun.Outcome>> byScenario = new LinkedHashMap<>();
        for (int fork = 1; fork <= forks; fork++) {
            // A stack of its own per fork: moto's TransactWriteItems copies the whole table once per item it writes,
            // so the tables a fork's 500-recipient creates leave behind made the next fork's creates take minutes
            // (measured) - moto's cost, not the functions', and not what the replays measure.
            try (BenchStack stack = BenchStack.start(projectRoot)) {
                for (WarmCostRun.Outcome outcome : fork(stack, fork, quick)) {
                    byScenario.computeIfAbsent(outcome.name(), name -> new ArrayList<>()).add(outcome);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        byScenario.forEach((name, outcomes) -> {
            List<Long> p50 = new ArrayList<>();
            List<Long> p99 = new ArrayList<>();
            List<Long> max = new ArrayList<>();
            for (WarmCostRun.Outcome outcome : outcomes) {
                p50.add(Statistics.percentile(outcome.nanos(), 50));
                p99.add(Statistics.percentile(outcome.nanos(), 99));
                max.add(Statistics.percentile(outcome.nanos(), 100));
            }
            WarmCostRun.Outcome first = outcomes.get(0);
            results.add(new Result(name, p50, p99, max, first.invocations(), first.calls(), first.dynamoDbWrites()));
        });
        return results;
    }

    private List<WarmCostRun.Outcome> fork(BenchStack stack, int fork, boolean quick) {
        FreshEvents events = new FreshEvents(stack);
        List<WarmCostRun.Scenario> scenarios = new ArrayList<>();
        scenarios.add(handler(stack, CREATE_1, "CreateFunction", events.goCreateWith(1), events.goCreateWith(1)));
        // Quick mode takes the same path with fewer recipients: a real 500-recipient create against moto takes seconds.
        int many = quick ? QUICK_RECIPIENTS : 500;
        scenarios.add(handler(stack, CREATE_500, "CreateFunction", events.goCreateWith(many), events.goCreateWith(many)));
        ServerlessFunction receipt = function("WebhookReceiptFunction");
        Path callback = events.eventFor(receipt);
        scenarios.add(handler(stack, CALLBACK, "WebhookReceiptFunction", callback, events.warmEventAfter(receipt, callback)));
        ServerlessFunction card = function("InitiateVerificationFunction");
        scenarios.add(handler(stack, CARD, "InitiateVerificationFunction", events.eventFor(card), events.eventFor(card)));
        scenarios.add(new WarmCostRun.Scenario(FLOOR, "put-item", "CreateFunction", null, stack.environment("CreateFunction"),
                null, null));
        WarmCostRun.Spec spec = quick
                ? new WarmCostRun.Spec(scenarios, 2, 0, 3, 0)
                : new WarmCostRun.Spec(scenarios, 2_000, 3_000, 20_000, 5_000);
        try {
            Path specFile = workDirectory.resolve("warm-spec-" + fork + ".json");
            Path resultFile = workDirectory.resolve("warm-result-" + fork + ".json");
            Path log = workDirectory.resolve("warm-fork-" + fork + ".log");
            Files.writeString(specFile, JSON.writeValueAsString(spec), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(List.of("taskset", "-c", "0", javaCommand(), "-cp",
                    System.getProperty("java.class.path"), WarmCostRun.class.getName(), specFile.toString(),
                    resultFile.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // The JVM options every function gets from template.yaml (JAVA_TOOL_OPTIONS), as in a Lambda.
            String options = stack.environment("CreateFunction").get("JAVA_TOOL_OPTIONS");
            if (options != null) {
                builder.environment().put("JAVA_TOOL_OPTIONS", options);
            }
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("warm-cost fork " + fork + " failed; its log, " + log + ", ends:\n"
                        + tail(log, 30));
            }
            return JSON.readValue(Files.readString(resultFile, StandardCharsets.UTF_8),
                    new TypeReference<List<WarmCostRun.Outcome>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private WarmCostRun.Scenario handler(BenchStack stack, String name, String functionId, Path warmEvent,
                                         Path recordEvent) {
        String handlerClass = function(functionId).handler().orElseThrow().replaceFirst("::.*$", "");
        Map<String, String> environment = new LinkedHashMap<>(stack.environment(functionId));
        // A secret is refreshed every SECRET_CACHE_SECONDS (5 minutes by default): a refresh in the middle of the
        // replays, which a slow fork reaches, is a call the recording does not have. It is not a per-invocation cost.
        environment.put("SECRET_CACHE_SECONDS", "86400");
        return new WarmCostRun.Scenario(name, "handler", functionId, handlerClass, environment,
                warmEvent.toString(), recordEvent.toString());
    }

    private ServerlessFunction function(String logicalId) {
        return template.functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("template.yaml has no " + logicalId));
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
