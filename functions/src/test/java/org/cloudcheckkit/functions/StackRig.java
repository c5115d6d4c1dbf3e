package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.cloudcheckkit.aws.AwsClients;
import org.cloudcheckkit.aws.AwsSettings;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.functions.archive.ArchiveHandler;
import org.cloudcheckkit.functions.archive.ReconcileHandler;
import org.cloudcheckkit.functions.callbacks.WebhookReceiptHandler;
import org.cloudcheckkit.functions.crash.SimulatedCrash;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.DynamoDbStreamReader;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.metrics.Measurement;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.table.ItemKey;

/**
 * The stack as Lambda runs it, where any function instance can die: each call builds a fresh instance (Components
 * from the function's environment in template.yaml) with the crash points it is given, all on one clock the test
 * moves. Cloudcheck's callbacks - which go nowhere in these tests - are relayed to the receipt function as Cloudcheck
 * would have delivered them; the table's stream goes to the archive function in batches of 10, a batch whose
 * instance died going to the next instance, as Lambda retries it; the schedule runs the reconciler.
 */
public final class StackRig {
    private static final PojoSerializer<DynamodbEvent> STREAM_EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, StackRig.class.getClassLoader());
    /** Retries and reconciliations due at once; leases and stale intents wait for the clock to move. */
    private static final Map<String, String> LOCAL_TIMINGS = Map.of("ARCHIVE_RETRY_BASE_SECONDS", "0",
            "RECONCILE_INTERVAL_SECONDS", "0", "ZIP_POLL_SECONDS", "0", "INTENT_STALE_SECONDS", "300");
    private static final int BATCH_SIZE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    public final LocalAws aws;
    public final CloudcheckSandbox sandbox;
    public final MutableClock clock;
    /** What every instance counted, by metric name (a time: its milliseconds added up). */
    public final Map<String, Long> metrics = new ConcurrentHashMap<>();
    /** Every measurement of every instance, in order. */
    public final List<Measurement> measurements = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment;
    private final DynamoDbStreamReader stream;
    private final List<DynamodbEvent.DynamodbStreamRecord> undelivered = new ArrayList<>();
    private long relayedUpTo = -1;

    /** @param clock every function's clock, and the sandbox's request clock: signatures stay fresh as it moves */
    public StackRig(LocalAws aws, CloudcheckSandbox sandbox, MutableClock clock) {
        this(aws, sandbox, clock, Map.of());
    }

    /** @param environment variables set for every function, over the local timings */
    public StackRig(LocalAws aws, CloudcheckSandbox sandbox, MutableClock clock, Map<String, String> environment) {
        this.aws = aws;
        this.sandbox = sandbox;
        this.clock = clock;
        this.environment = new HashMap<>(LOCAL_TIMINGS);
        this.environment.putAll(environment);
        this.stream = new DynamoDbStreamReader(aws.dynamoDbStreams(), aws.tableStreamArn("Table"), aws.region().id(), false);
    }

    /** A new instance of the function, as after a cold start, passing the given crash points. */
    public Components instance(String functionId, CrashPoints crashPoints) {
        Map<String, String> overrides = new HashMap<>(environment);
        overrides.put("CLOUDCHECK_BASE_URL", sandbox.baseUrl());
        overrides.put("CALLBACK_BASE_URL", TestStack.NO_CALLBACKS);
        Map<String, String> environment = aws.functionEnvironment(functionId, overrides);
        return new Components(Settings.from(environment), new AwsClients(AwsSettings.fromEnvironment(environment)), clock,
                new SecureRandom(), crashPoints, measurement -> {
                    measurements.add(measurement);
                    metrics.merge(measurement.metric().metricName(), measurement.value(), Long::sum);
                });
    }

    public Components instance(String functionId) {
        return instance(functionId, CrashPoints.NONE);
    }

    /** A Go request made from go-create.json (one recipient) and sent, through new instances: its recipient. */
    public ItemKey.Recipient sentRecipient() {
        JsonNode created = TestStack.body(InContract.handle(new CreateHandler(instance("CreateFunction")),
                SampleEvents.load("go-create.json").header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test")));
        String goApiReference = created.get("goApiReference").asText();
        InContract.handle(new SendHandler(instance("SendFunction")), SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", goApiReference).event(), new FunctionContext("test"));
        return new ItemKey.Recipient(goApiReference, created.get("recipients").get(0).get("recipientToken").asText());
    }

    /** Runs one invocation; true when its instance died at its crash point (the invocation then has no answer). */
    public static boolean diedIn(Runnable invocation) {
        try {
            invocation.run();
            return false;
        } catch (SimulatedCrash died) {
            return true;
        }
    }

    /**
     * Hands every new stream record to archive instances, 10 at a time. A batch whose instance dies is handed again
     * to a new instance (made by {@code instances}), as Lambda retries it; a batch answered with a batch item failure
     * fails the test, since every record's failure must have been turned into scheduled work.
     */
    public void deliverStream(Supplier<ArchiveHandler> instances) {
        for (List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll(); !records.isEmpty(); records = stream.poll()) {
            undelivered.addAll(records);
        }
        while (!undelivered.isEmpty()) {
            List<DynamodbEvent.DynamodbStreamRecord> batch = new ArrayList<>(undelivered.subList(0, Math.min(BATCH_SIZE,
                    undelivered.size())));
            String answer;
            try {
                answer = invoke(instances.get(), batch);
            } catch (SimulatedCrash died) {
                continue;
            }
            if (!answer.equals("{\"batchItemFailures\":[]}")) {
                throw new AssertionError("the archive function failed a batch: " + answer);
            }
            undelivered.subList(0, batch.size()).clear();
        }
    }

    public void deliverStream() {
        deliverStream(() -> new ArchiveHandler(instance("ArchiveFunction")));
    }

    /** Hands the stream's new records to new archive instances once, 10 at a time; answers what each batch answered. */
    public List<String> deliverStreamOnce() {
        for (List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll(); !records.isEmpty(); records = stream.poll()) {
            undelivered.addAll(records);
        }
        List<String> answers = new ArrayList<>();
        for (int start = 0; start < undelivered.size(); start += BATCH_SIZE) {
            answers.add(invoke(new ArchiveHandler(instance("ArchiveFunction")),
                    undelivered.subList(start, Math.min(undelivered.size(), start + BATCH_SIZE))));
        }
        undelivered.clear();
        return answers;
    }

    private static String invoke(ArchiveHandler handler, List<DynamodbEvent.DynamodbStreamRecord> batch) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        STREAM_EVENTS.toJson(DynamoDbStreamReader.event(new ArrayList<>(batch)), json);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.toByteArray()), answer, new FunctionContext("ArchiveFunction"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /**
     * Delivers Cloudcheck's callbacks made since the last relay to the receipt function, as Cloudcheck sends them:
     * to the URL it was given, once. One whose receiving instance dies is lost (Cloudcheck does not retry).
     */
    public void relayCallbacks(CrashPoints crashPoints) {
        sandbox.awaitCallbacks(Duration.ofSeconds(10));
        for (CallbackDelivery delivery : sandbox.callbackDeliveries()) {
            if (delivery.sequence() <= relayedUpTo || !delivery.url().startsWith(TestStack.NO_CALLBACKS)) {
                continue;
            }
            relayedUpTo = delivery.sequence();
            WebhookReceiptHandler receipt = new WebhookReceiptHandler(instance("WebhookReceiptFunction", crashPoints));
            diedIn(() -> InContract.handle(receipt, event(delivery), new FunctionContext("WebhookReceiptFunction")));
        }
    }

    public void relayCallbacks() {
        relayCallbacks(CrashPoints.NONE);
    }

    private static APIGatewayV2HTTPEvent event(CallbackDelivery delivery) {
        URI url = URI.create(delivery.url());
        boolean go = url.getPath().equals("/callbacks/go");
        boolean webhook = delivery.body() != null && !delivery.body().isBlank();
        SampleEvents event = SampleEvents.load(go ? "callbacks-go.json"
                : webhook ? "callbacks-akahu-webhook.json" : "callbacks-akahu-notification.json");
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            event.queryParameter(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        if (webhook) {
            event.body(delivery.body());
        }
        return event.event();
    }

    /** One scheduled run of the reconciler, in an instance with the given crash points. */
    public void reconcile(CrashPoints crashPoints) {
        ReconcileHandler reconciler = new ReconcileHandler(instance("ReconcileFunction", crashPoints));
        diedIn(() -> reconciler.handle(Map.of(), new FunctionContext("ReconcileFunction")));
    }

    /** One scheduled run of the reconciler in a new instance; what it answered. */
    public JsonNode reconcile() {
        Map<String, Object> run = new ReconcileHandler(instance("ReconcileFunction"))
                .handle(Map.of(), new FunctionContext("ReconcileFunction"));
        return JSON.valueToTree(run);
    }

    /**
     * What happens after a crash, left alone: callbacks delivered, the stream drained by new instances, and the
     * schedule run - past any lease and intent time the crash left behind - until nothing changes.
     */
    public void recover() {
        for (int round = 0; round < 4; round++) {
            relayCallbacks();
            deliverStream();
            clock.advance(Duration.ofMinutes(6));
            reconcile();
        }
    }
}
