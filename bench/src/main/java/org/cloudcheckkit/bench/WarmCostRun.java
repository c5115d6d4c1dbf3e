package org.cloudcheckkit.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Figure 3's measuring JVM (one fork): for each scenario, builds the function's handler as Lambda would from the
 * function's environment, serves one event for real (secrets fetched, connections and classes warm), serves a
 * second event for real while {@link RecordedHttp} records every exchange, then serves the recorded event again and
 * again with the network answered from that recording: a warm-up, then timed invocations. Each replayed invocation
 * must make exactly the recorded calls and answer the recorded status, or the run fails.
 *
 * <p>Usage: {@code WarmCostRun <spec.json> <result.json>}; the spec is written by {@link WarmCost}.
 */
public final class WarmCostRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WarmCostRun() {
    }

    /** What to measure; written by the harness, read here. */
    record Spec(List<Scenario> scenarios, int warmupInvocations, long warmupMillis, int measuredInvocations,
                long measureMillis) {
    }

    /**
     * @param kind        "handler" (an API handler served an event) or "put-item" (the floor: one DynamoDB PutItem)
     * @param warmEvent   served for real first
     * @param recordEvent served for real while recording, then replayed
     */
    record Scenario(String name, String kind, String functionId, String handlerClass, Map<String, String> environment,
                    String warmEvent, String recordEvent) {
    }

    record Outcome(String name, int status, int invocations, List<Long> nanos, Map<String, Integer> calls,
                   int dynamoDbWrites, double warmupSeconds) {
    }

    public static void main(String[] args) throws Exception {
        RecordedHttp http = RecordedHttp.install();
        Spec spec = JSON.readValue(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8), Spec.class);
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario scenario : spec.scenarios()) {
            outcomes.add(measure(http, spec, scenario));
            System.err.println("WARM " + scenario.name() + " done");
        }
        Files.writeString(Path.of(args[1]), JSON.writeValueAsString(outcomes), StandardCharsets.UTF_8);
        System.exit(0);
    }

    private static Outcome measure(RecordedHttp http, Spec spec, Scenario scenario) throws Exception {
        Components components = Components.fromEnvironment(scenario.environment());
        Invocation invocation = invocation(scenario, components);
        String warmEvent = scenario.warmEvent() == null ? null : Files.readString(Path.of(scenario.warmEvent()));
        String recordEvent = scenario.recordEvent() == null ? null : Files.readString(Path.of(scenario.recordEvent()));

        http.pass();
        int warmStatus = invocation.invoke(warmEvent);
        http.record();
        int status = invocation.invoke(recordEvent);
        if (status >= 300 || warmStatus >= 300) {
            throw new IllegalStateException(scenario.name() + " answered " + warmStatus + " then " + status
                    + " against moto and the sandbox; a warm cost of a failure is not what is asked");
        }
        Map<String, Integer> calls = http.calls();
        int writes = http.dynamoDbWrites();

        http.replay();
        long warmupStarted = System.nanoTime();
        for (int i = 0; i < spec.warmupInvocations()
                || (System.nanoTime() - warmupStarted) / 1_000_000 < spec.warmupMillis(); i++) {
            replayOnce(http, invocation, recordEvent, status, scenario);
        }
        double warmupSeconds = (System.nanoTime() - warmupStarted) / 1e9;
        List<Long> nanos = new ArrayList<>();
        long measureStarted = System.nanoTime();
        while (nanos.size() < spec.measuredInvocations()
                && (nanos.size() < 200 || (System.nanoTime() - measureStarted) / 1_000_000 < spec.measureMillis())) {
            nanos.add(replayOnce(http, invocation, recordEvent, status, scenario));
        }
        http.pass();
        return new Outcome(scenario.name(), status, nanos.size(), nanos, calls, writes, warmupSeconds);
    }

    /**
     * One replayed invocation; its time covers the handler as Lambda calls it, from the raw event bytes to the
     * response bytes, and not the checking of the status afterwards.
     */
    private static long replayOnce(RecordedHttp http, Invocation invocation, String event, int expectedStatus,
                                   Scenario scenario) {
        Prepared prepared = invocation.prepare(event);
        long started = System.nanoTime();
        prepared.run();
        long took = System.nanoTime() - started;
        int status = prepared.status();
        http.rewind();
        if (status != expectedStatus) {
            throw new IllegalStateException(scenario.name() + " answered " + status + " from the recording, "
                    + expectedStatus + " for real");
        }
        return took;
    }

    private interface Prepared {
        /** Serves the event; the timed part. */
        void run();

        /** The status it answered, read after the clock stops. */
        int status();
    }

    private interface Invocation {
        Prepared prepare(String event);

        default int invoke(String event) {
            Prepared prepared = prepare(event);
            prepared.run();
            return prepared.status();
        }
    }

    private static Invocation invocation(Scenario scenario, Components components) throws Exception {
        if (scenario.kind().equals("put-item")) {
            // The floor: the least any recording request does - one small conditional PutItem through the same client.
            String table = components.settings().tableName();
            return event -> {
                Map<String, AttributeValue> item = new LinkedHashMap<>(
                        Item.key(new ItemKey.Other("BENCH#" + java.util.UUID.randomUUID(), "FLOOR")));
                item.put("state", AttributeValue.fromS("IN_PROGRESS"));
                return new Prepared() {
                    @Override
                    public void run() {
                        components.dynamoDb().putItem(request -> request.tableName(table).item(item)
                                .conditionExpression("attribute_not_exists(pk)"));
                    }

                    @Override
                    public int status() {
                        return 200;
                    }
                };
            };
        }
        // Every HTTP function is a stream handler: Lambda hands it the raw event and takes back the raw response.
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(scenario.handlerClass())
                .getConstructor(Components.class).newInstance(components);
        return event -> {
            byte[] raw = event.getBytes(StandardCharsets.UTF_8);
            FunctionContext context = new FunctionContext(scenario.functionId());
            ByteArrayOutputStream response = new ByteArrayOutputStream(1024);
            return new Prepared() {
                @Override
                public void run() {
                    try {
                        handler.handleRequest(new ByteArrayInputStream(raw), response, context);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public int status() {
                    try {
                        return JSON.readTree(response.toByteArray()).path("statusCode").asInt();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        };
    }
}
