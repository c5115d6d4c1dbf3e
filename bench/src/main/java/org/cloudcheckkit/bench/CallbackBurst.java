package org.cloudcheckkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackTokens;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.local.LocalStack;
import org.cloudcheckkit.local.LocalStackSettings;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * Figure 5: a burst of Go callbacks, as Cloudcheck sends them, through the local stack's HTTP API: every recipient's
 * Delivered, Opened, Clicked and Responded, plus duplicates (a fifth of all calls) and calls that arrive after a later
 * status of their recipient (a tenth), sent by a few concurrent clients. Every recipient has responded in the sandbox
 * beforehand, with the sandbox's own callbacks dropped, so what archives them is this burst alone: the reconciler is
 * kept an hour away. Then it waits until every recipient is archived and checks exactly-once: one PDF and one JSON
 * version each in S3, every distinct callback recorded once. The floor is the same requests, same clients, through
 * the same local API with a constant handler in place of the receipt handler.
 */
final class CallbackBurst {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"Delivered", "Opened", "Clicked", "Responded"};
    private static final int RECIPIENTS_PER_REQUEST = 100;
    private static final String RECEIPT_HANDLER = "org.cloudcheckkit.functions.callbacks.WebhookReceiptHandler";

    private final Path projectRoot;
    private final Path workDirectory;

    CallbackBurst(Path projectRoot, Path workDirectory) {
        this.projectRoot = projectRoot;
        this.workDirectory = workDirectory;
    }

    /** One callback to send: which recipient, which status, and the query string Cloudcheck would use. */
    record Callback(int recipient, int rank, String query) {
    }

    /** The sending side of one burst. */
    /**
     * @param motoWriteNanos one conditional PutItem to the stack's moto every 100 ms while the burst ran, from this
     *                       JVM: what the receipt's one write costs at that moment, server and loopback included
     */
    record Sent(int callbacks, double seconds, List<Long> latencyNanos, int non2xx, int duplicatesAnswered,
                List<Long> motoWriteNanos) {
        double perSecond() {
            return callbacks / seconds;
        }

        long p99() {
            return Statistics.percentile(latencyNanos, 99);
        }

        long p50() {
            return Statistics.percentile(latencyNanos, 50);
        }

        long motoWriteP50() {
            return Statistics.percentile(motoWriteNanos, 50);
        }

        long motoWriteP99() {
            return Statistics.percentile(motoWriteNanos, 99);
        }
    }

    /**
     * @param motoWrites moto's own rate for the receipt's write: as many conditional PutItems of new keys as the burst
     *                   has callbacks, by as many concurrent clients, straight to moto (the floor's stack's, same
     *                   template and table) through the receipt function's own DynamoDB client
     */
    record Result(int recipients, int callbacks, int duplicates, int outOfOrder, int clients, Sent burst, Sent floor,
                  MotoWrites motoWrites, double archivedAfterSeconds, int archived, int pdfVersions, int jsonVersions,
                  int extraVersions, int recordedEvents, int distinctCallbacks) {
        /** The burst's rate as a share of what moto itself sustains for its one write per callback. */
        double ofMotoRate() {
            return burst.perSecond() / motoWrites.perSecond();
        }

        boolean exactlyOnce() {
            return archived == recipients && pdfVersions == recipients && jsonVersions == recipients && extraVersions == 0
                    && recordedEvents == distinctCallbacks && burst.non2xx() == 0;
        }
    }

    Result measure(int recipients, int callbacks, int clients, Duration archiveWithin) {
        FloorRun floorRun = floor(recipients, callbacks, clients);
        Sent floor = floorRun.sent();
        MotoWrites motoWrites = floorRun.motoWrites();
        try (LocalStack stack = LocalStack.start(settings(projectRoot.resolve("template.yaml")))) {
            Roster roster = respondedRecipients(stack, recipients);
            Plan plan = plan(roster, callbacks, new Random(42));
            long started = System.nanoTime();
            Sent burst = send(stack, plan.callbacks(), clients);
            Archived archived = awaitArchived(stack, roster, archiveWithin);
            double archivedAfter = (System.nanoTime() - started) / 1e9 - burst.seconds();
            return new Result(recipients, plan.callbacks().size(), plan.duplicates(), plan.outOfOrder(), clients, burst, floor,
                    motoWrites, archivedAfter, archived.archived(), archived.pdfVersions(), archived.jsonVersions(),
                    archived.extraVersions(), archived.recordedEvents(), plan.distinct());
        }
    }

    /** The floors' stack's two measurements: its burst, and moto's own rate for the receipt's write. */
    private record FloorRun(Sent sent, MotoWrites motoWrites) {
    }

    /**
     * The same burst, with made-up but well-formed references, against a stack whose receipt handler is constant;
     * then, in that stack, moto's own rate for the receipt's write. Not in the burst's stack: those writes go to the
     * table's stream too, and the burst's stream consumer would still be working through them during the burst.
     */
    private FloorRun floor(int recipients, int callbacks, int clients) {
        Path template = workDirectory.resolve("template-constant-receipt.yaml");
        try {
            String text = Files.readString(projectRoot.resolve("template.yaml"), StandardCharsets.UTF_8);
            if (!text.contains(RECEIPT_HANDLER)) {
                throw new IllegalStateException("template.yaml no longer names " + RECEIPT_HANDLER);
            }
            Files.writeString(template, text.replace(RECEIPT_HANDLER, ConstantReceiptHandler.class.getName()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (LocalStack stack = LocalStack.start(settings(template))) {
            List<String> tokens = new ArrayList<>();
            List<String> references = new ArrayList<>();
            List<String> callbackIds = new ArrayList<>();
            for (int i = 0; i < recipients; i++) {
                tokens.add(UUID.randomUUID().toString());
                references.add("GO-" + (i / RECIPIENTS_PER_REQUEST));
                callbackIds.add("cid-" + (i / RECIPIENTS_PER_REQUEST));
            }
            Roster roster = new Roster(tokens, references, callbackIds, tokenSource(stack));
            Sent sent = send(stack, plan(roster, callbacks, new Random(42)).callbacks(), clients);
            return new FloorRun(sent, motoWrites(stack, callbacks, clients));
        }
    }

    private LocalStackSettings settings(Path template) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        // This stack is the benchmark's own: its own moto and sandbox on free ports, whatever the shell points at.
        for (String name : List.of("AWS_ENDPOINT_URL", "CLOUDCHECK_BASE_URL", "CALLBACK_BASE_URL", "LOCAL_API_PORT",
                "SANDBOX_PORT", "LOCAL_AWS_PORT")) {
            environment.remove(name);
        }
        // The reconciler would archive recipients whose callbacks were lost; kept an hour away, it cannot hide a loss.
        environment.put("RECONCILE_INTERVAL_SECONDS", "3600");
        environment.put("LOCAL_SCHEDULE_SECONDS", "3600");
        LocalStackSettings free = LocalStackSettings.onFreePorts(environment);
        return new LocalStackSettings(free.apiPort(), free.sandboxPort(), free.awsPort(), free.apiToken(),
                free.scheduleInterval(), free.functionOverrides(), free.environment(), template);
    }

    /** Recipients by index: token, Go reference, and the callback id of their request. */
    private record Roster(List<String> tokens, List<String> goApiReferences, List<String> callbackIds, CallbackTokens signer) {
        int size() {
            return tokens.size();
        }
    }

    private static CallbackTokens tokenSource(LocalStack stack) {
        return Components.fromEnvironment(stack.aws().functionEnvironment("WebhookReceiptFunction", Map.of())).callbackTokens();
    }

    /**
     * Go requests of 100 recipients made through the API, sent, and every recipient completed in the sandbox with its
     * callbacks dropped: Cloudcheck has the results, we have heard nothing yet.
     */
    private Roster respondedRecipients(LocalStack stack, int recipients) {
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow();
        sandbox.failNextCallbacks(CallbackFault.drop(Integer.MAX_VALUE));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> tokens = new ArrayList<>();
        List<String> references = new ArrayList<>();
        List<String> callbackIds = new ArrayList<>();
        for (int made = 0; made < recipients; made += RECIPIENTS_PER_REQUEST) {
            int count = Math.min(RECIPIENTS_PER_REQUEST, recipients - made);
            JsonNode created = frontEnd(http, stack, "/go/requests", createBody(made, count), 201);
            String goApiReference = created.get("goApiReference").asText();
            frontEnd(http, stack, "/go/requests/" + goApiReference + "/send", "{\"test\": false}", 200);
            String callbackId = Components.fromEnvironment(stack.aws().functionEnvironment("WebhookReceiptFunction", Map.of()))
                    .goRequestTable().find(goApiReference).orElseThrow().callbackId();
            for (JsonNode recipient : created.get("recipients")) {
                String token = recipient.get("recipientToken").asText();
                sandbox.completeRecipient(token, VerificationOutcome.PASS);
                tokens.add(token);
                references.add(goApiReference);
                callbackIds.add(callbackId);
            }
        }
        if (!sandbox.awaitCallbacks(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the sandbox's own callbacks did not settle");
        }
        return new Roster(tokens, references, callbackIds, tokenSource(stack));
    }

    private String createBody(int first, int count) {
        try {
            JsonNode event = JSON.readTree(projectRoot.resolve("events/go-create.json").toFile());
            ObjectNode body = (ObjectNode) JSON.readTree(event.get("body").asText());
            JsonNode sample = body.get("recipients").get(0);
            ArrayNode recipients = JSON.createArrayNode();
            for (int i = first; i < first + count; i++) {
                ObjectNode recipient = sample.deepCopy();
                recipient.put("reference", String.format("burst-%05d", i));
                recipient.put("emailAddress", String.format("burst.%05d@example.nz", i));
                recipients.add(recipient);
            }
            body.set("recipients", recipients);
            body.put("reference", "burst-" + first);
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode frontEnd(HttpClient http, LocalStack stack, String path, String body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(stack.apiUrl().resolve(path))
                .header("Authorization", "Bearer " + stack.apiToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                // Setup, not measured: a 100-recipient create took 20-70 s against moto on a loaded machine.
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The order of the burst, and what it holds. */
    record Plan(List<Callback> callbacks, int distinct, int duplicates, int outOfOrder) {
    }

    /**
     * Every recipient's four statuses in order, recipients interleaved at random; then a fifth of the total as
     * duplicates, each a few calls after its original (Cloudcheck-style repeats); then pairs of one recipient's
     * consecutive statuses swapped until a tenth of all calls arrive after a later status of their recipient.
     */
    static Plan plan(Roster roster, int total, Random random) {
        int duplicates = total / 5;
        int distinct = total - duplicates;
        int recipients = roster.size();
        int perRecipient = Math.max(1, Math.min(STATUSES.length, distinct / recipients));
        // Statuses per recipient, the last always Responded (what makes a result final).
        List<Integer> order = new ArrayList<>();
        int[] remaining = new int[recipients];
        for (int r = 0; r < recipients; r++) {
            remaining[r] = perRecipient;
            for (int k = 0; k < perRecipient; k++) {
                order.add(r);
            }
        }
        Collections.shuffle(order, random);
        List<Callback> sequence = new ArrayList<>();
        int[] next = new int[recipients];
        for (int r : order) {
            int rank = STATUSES.length - perRecipient + next[r]++;
            sequence.add(callback(roster, r, rank));
        }
        int distinctCount = sequence.size();
        int copies = total - distinctCount;
        for (int i = 0; i < copies; i++) {
            int original = random.nextInt(sequence.size());
            int at = Math.min(sequence.size(), original + 1 + random.nextInt(20));
            sequence.add(at, sequence.get(original));
        }
        int wanted = total / 10;
        Set<String> swapped = new HashSet<>();
        for (int attempts = 0; outOfOrder(sequence) < wanted && attempts < total * 10; attempts++) {
            int r = random.nextInt(recipients);
            int rank = STATUSES.length - perRecipient + random.nextInt(Math.max(1, perRecipient - 1));
            if (perRecipient < 2 || !swapped.add(r + "/" + rank)) {
                continue;
            }
            int earlier = indexOf(sequence, r, rank);
            int later = indexOf(sequence, r, rank + 1);
            Collections.swap(sequence, earlier, later);
        }
        return new Plan(sequence, distinctCount, copies, outOfOrder(sequence));
    }

    private static Callback callback(Roster roster, int recipient, int rank) {
        String callbackId = roster.callbackIds().get(recipient);
        String query = "cid=" + encode(callbackId)
                + "&t=" + encode(roster.signer().tokenFor(CallbackKind.GO, callbackId))
                + "&goApiReference=" + encode(roster.goApiReferences().get(recipient))
                + "&recipientToken=" + encode(roster.tokens().get(recipient))
                + "&status=" + encode(STATUSES[rank]);
        return new Callback(recipient, rank, query);
    }

    private static int indexOf(List<Callback> sequence, int recipient, int rank) {
        for (int i = 0; i < sequence.size(); i++) {
            if (sequence.get(i).recipient() == recipient && sequence.get(i).rank() == rank) {
                return i;
            }
        }
        throw new IllegalStateException("no callback " + recipient + "/" + rank);
    }

    /** Calls that arrive after a later status of the same recipient has. */
    static int outOfOrder(List<Callback> sequence) {
        Map<Integer, Integer> highest = new HashMap<>();
        int late = 0;
        for (Callback callback : sequence) {
            int seen = highest.getOrDefault(callback.recipient(), -1);
            if (callback.rank() < seen) {
                late++;
            }
            highest.put(callback.recipient(), Math.max(seen, callback.rank()));
        }
        return late;
    }

    /** Sends in order from a shared queue, one call at a time per client, timing each call to its answer. */
    private static Sent send(LocalStack stack, List<Callback> callbacks, int clients) {
        URI api = stack.apiUrl();
        WriteProbe probe = new WriteProbe(stack);
        probe.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long[] latency = new long[callbacks.size()];
        int[] status = new int[callbacks.size()];
        boolean[] duplicate = new boolean[callbacks.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < callbacks.size(); i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(api.resolve("/callbacks/go?" + callbacks.get(i).query()))
                                .header("User-Agent", "Cloudcheck").timeout(Duration.ofSeconds(30)).GET().build();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            latency[i] = System.nanoTime() - sent;
                            status[i] = response.statusCode();
                            duplicate[i] = response.body().contains("\"duplicate\":true");
                        } catch (IOException e) {
                            latency[i] = System.nanoTime() - sent;
                            status[i] = -1;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            probe.finish();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> latencies = new ArrayList<>();
        int failed = 0;
        int duplicates = 0;
        for (int i = 0; i < callbacks.size(); i++) {
            latencies.add(latency[i]);
            if (status[i] < 200 || status[i] > 299) {
                failed++;
            }
            if (duplicate[i]) {
                duplicates++;
            }
        }
        return new Sent(callbacks.size(), seconds, latencies, failed, duplicates, probe.latencies());
    }

    /** moto's own rate for the receipt's one write, under the burst's concurrency. */
    record MotoWrites(int writes, int clients, double seconds) {
        double perSecond() {
            return writes / seconds;
        }
    }

    /**
     * The real floor of a receipt: each answer waits for one conditional PutItem of a new item in moto. So many of
     * them, by so many concurrent clients, through the receipt function's own client (the same SDK client and HTTP
     * connections as the handler's), as fast as moto answers.
     */
    private static MotoWrites motoWrites(LocalStack stack, int writes, int clients) {
        software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb = Components.fromEnvironment(
                stack.aws().functionEnvironment("WebhookReceiptFunction", Map.of())).dynamoDb();
        String table = table(stack);
        Runnable write = () -> dynamoDb.putItem(request -> request.tableName(table)
                .item(Item.key(new ItemKey.Other("BENCH#MOTO#" + UUID.randomUUID(), "MOTO")))
                .conditionExpression("attribute_not_exists(pk)"));
        write.run(); // untimed: the client's first call loads the SDK's classes
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (next.getAndIncrement() < writes) {
                        write.run();
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new MotoWrites(writes, clients, (System.nanoTime() - started) / 1e9);
    }

    /** Samples moto's answer time for a write like the receipt's, at 10 per second so as to add little load. */
    private static final class WriteProbe extends Thread {
        private final LocalStack stack;
        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        WriteProbe(LocalStack stack) {
            super("moto-write-probe");
            setDaemon(true);
            this.stack = stack;
        }

        @Override
        public void start() {
            // One write first, untimed: the client's first call loads and links the SDK's classes.
            write();
            super.start();
        }

        @Override
        public void run() {
            while (running) {
                long sent = System.nanoTime();
                write();
                latencies.add(System.nanoTime() - sent);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void write() {
            Map<String, AttributeValue> item = Item.key(new ItemKey.Other("BENCH#PROBE#" + UUID.randomUUID(), "PROBE"));
            stack.aws().dynamoDb().putItem(request -> request.tableName(table(stack)).item(item)
                    .conditionExpression("attribute_not_exists(pk)"));
        }

        void finish() {
            running = false;
            interrupt();
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Long> latencies() {
            synchronized (latencies) {
                return new ArrayList<>(latencies);
            }
        }
    }

    private record Archived(int archived, int pdfVersions, int jsonVersions, int extraVersions, int recordedEvents) {
    }

    /** Waits until every recipient's item says ARCHIVED (or the time is up), then counts what S3 and the table hold. */
    private static Archived awaitArchived(LocalStack stack, Roster roster, Duration within) {
        Set<String> requests = new java.util.LinkedHashSet<>(roster.goApiReferences());
        long deadline = System.nanoTime() + within.toNanos();
        int archived = 0;
        while (System.nanoTime() < deadline) {
            archived = 0;
            for (String goApiReference : requests) {
                archived += archivedCount(stack, goApiReference);
            }
            if (archived >= roster.size()) {
                break;
            }
            // moto is one Python process that the archive function is using too: look rarely, and count only.
            sleep(Duration.ofSeconds(5));
        }
        Map<String, Integer> versions = new LinkedHashMap<>();
        String bucket = stack.aws().physicalName("ArchiveBucket");
        for (String goApiReference : requests) {
            String keyMarker = null;
            String versionMarker = null;
            do {
                String fromKey = keyMarker;
                String fromVersion = versionMarker;
                ListObjectVersionsResponse page = stack.aws().s3().listObjectVersions(request -> request.bucket(bucket)
                        .prefix("go/" + goApiReference + "/").keyMarker(fromKey).versionIdMarker(fromVersion));
                for (ObjectVersion version : page.versions()) {
                    versions.merge(version.key(), 1, Integer::sum);
                }
                keyMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextKeyMarker() : null;
                versionMarker = Boolean.TRUE.equals(page.isTruncated()) ? page.nextVersionIdMarker() : null;
            } while (keyMarker != null);
        }
        int pdfs = 0;
        int jsons = 0;
        for (int r = 0; r < roster.size(); r++) {
            String prefix = "go/" + roster.goApiReferences().get(r) + "/" + roster.tokens().get(r);
            pdfs += versions.getOrDefault(prefix + ".pdf", 0);
            jsons += versions.getOrDefault(prefix + ".json", 0);
        }
        int all = versions.values().stream().mapToInt(Integer::intValue).sum();
        int events = 0;
        for (String goApiReference : requests) {
            events += partition(stack, goApiReference, ItemKey.EVENT).size();
        }
        return new Archived(archived, pdfs, jsons, all - pdfs - jsons, events);
    }

    private static int archivedCount(LocalStack stack, String goApiReference) {
        int count = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = stack.aws().dynamoDb().query(request -> request.tableName(table(stack)).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .filterExpression("archiveState = :archived")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(new ItemKey.GoRequest(goApiReference).pk()),
                            ":prefix", AttributeValue.fromS(ItemKey.RECIPIENT), ":archived", AttributeValue.fromS("ARCHIVED")))
                    .select(Select.COUNT).exclusiveStartKey(from));
            count += page.count();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return count;
    }

    private static List<Map<String, AttributeValue>> partition(LocalStack stack, String goApiReference, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = stack.aws().dynamoDb().query(request -> request.tableName(table(stack)).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(new ItemKey.GoRequest(goApiReference).pk()),
                            ":prefix", AttributeValue.fromS(prefix)))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    private static String table(LocalStack stack) {
        return stack.aws().physicalName("Table");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
