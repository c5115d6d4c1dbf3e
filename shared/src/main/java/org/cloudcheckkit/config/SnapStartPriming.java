package org.cloudcheckkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.Principal;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.cloudcheck.go.RequestTypes;
import org.cloudcheckkit.signing.ApiCredentials;
import org.cloudcheckkit.signing.NonceSource;
import org.cloudcheckkit.signing.RequestSigner;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.RecordedEvent;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * SnapStart priming. Lambda takes a function's snapshot after its init; code that has run by then is loaded, linked
 * and initialised in the snapshot, and a restored function does not pay for it again. Just before the snapshot this
 * runs, without side effects, what every invocation runs: Jackson on a Go request, the request signer (with dummy
 * credentials: no secret is fetched into the snapshot), a DynamoDB read of a key that never exists when the function
 * has a DynamoDB client, an S3 presign when it has an archive store, and the function's own handler answering its
 * route's example event on the route's success path, over an in-memory AWS and Cloudcheck, {@value #OWN_REQUESTS}
 * times. A failure here is logged and ignored: priming only saves time.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);
    /** CRaC holds resources weakly; these strong references keep them until the checkpoint. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    /**
     * The function's own request served this many times against the in-memory AWS: C1 compiles a method after about
     * 200 calls (Tier3InvocationThreshold), so the request path is compiled code in the snapshot, not only loaded.
     */
    public static final int OWN_REQUESTS = 200;

    /** The table, key and secret id of the in-memory calls: answered in memory, so never a real one. */
    private static final String PRIMING_KEY = "snapstart-priming";

    private static final Name NAME = new Name("A", null, "B");
    private static final Address ADDRESS = new Address(null, "1", "Street", null, "City", "1010", "NSW");
    /** Who the functions' priming events come from (resources priming/ in functions): the owner of what is seeded. */
    private static final Caller PRIMING_CALLER = new Caller(new Principal("snapstart-priming", null, Set.of()), null);
    private static final String CALLBACK_BASE_URL = "https://priming.example.invalid";
    /** The Go request the in-memory Cloudcheck creates ({@link InMemoryCloudcheck}), and the events name. */
    private static final String SEEDED_REQUEST = "PRIMING";

    private final Components components;
    private final Function<Components, Runnable> ownRequest;
    private Served served = new Served(0, 0, Map.of(), null);

    /**
     * What priming served in memory: the AWS requests answered, the own requests answered with a success (all of
     * {@link #OWN_REQUESTS} unless one failed, which stops priming, and {@code failure} says why), and the Cloudcheck
     * calls answered by path.
     */
    public record Served(int awsRequests, int ownRequests, Map<String, Integer> cloudcheckCalls, String failure) {
    }

    SnapStartPriming(Components components, Function<Components, Runnable> ownRequest) {
        this.components = components;
        this.ownRequest = ownRequest;
    }

    static synchronized void register(Components components, Function<Components, Runnable> ownRequest) {
        SnapStartPriming priming = new SnapStartPriming(components, ownRequest);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        prime("json", this::json);
        prime("signing", this::signing);
        if (components.hasDynamoDb()) {
            prime("dynamodb", this::dynamoDb);
        }
        if (components.hasArchiveStore()) {
            prime("s3", () -> components.archiveStore().presignedUrl("priming/none", Duration.ofMinutes(1)));
            // A read of a key no object has: builds the S3 client (at first use otherwise) and primes its calls.
            prime("s3 read", () -> components.archiveStore().find("priming/none"));
        }
        prime("in memory", this::inMemory);
        log.info("primed for SnapStart in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: the HTTP clients drop idle connections within seconds, and SecureRandom reseeds itself.
    }

    /** Runs every step now, for tests and for a JVM without CRaC. */
    public static void primeNow(Components components) {
        new SnapStartPriming(components, null).beforeCheckpoint(null);
    }

    /** As {@link #primeNow(Components)}, with the function's own request; answers what was served in memory. */
    public static Served primeNow(Components components, Function<Components, Runnable> ownRequest) {
        SnapStartPriming priming = new SnapStartPriming(components, ownRequest);
        priming.beforeCheckpoint(null);
        return priming.served;
    }

    /**
     * The function's handler, built over the in-memory AWS and Cloudcheck, answers its own request again and again,
     * after what that request finds is made there the way a real one is made (a Go request and an Akahu session of the
     * priming caller, the Go recipient's result archived); and each time the SDK operations the services call are made
     * too, to the in-memory AWS (so their marshallers and the SDK's pipeline are compiled). All of it is built here, at
     * the checkpoint: a cold start without a snapshot builds none of it.
     */
    private void inMemory() throws Exception {
        // A function's Secrets Manager client is built at its first secret, in its first request: built here, it is
        // in the snapshot. Building makes no call. Every function here has a table.
        components.secretsManager();
        components.dynamoDb();
        InMemoryAws aws = new InMemoryAws();
        InMemoryCloudcheck cloudcheck = new InMemoryCloudcheck();
        // Each request logs its route line and its metrics like any other: not the function's log's business. Logging
        // and metrics still run (and are compiled); their lines go nowhere. Nothing else runs in this JVM before the
        // snapshot.
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Components inMemory = components.inMemory(aws, cloudcheck, nowhere);
        PrintStream log = System.out;
        System.setOut(nowhere);
        int ownRequestsServed = 0;
        String failure = null;
        try {
            prime("go request", () -> inMemory.goRequests().create(goRequest(), PRIMING_CALLER, CALLBACK_BASE_URL,
                    deadline(inMemory)));
            prime("akahu session", () -> inMemory.akahu().initiate(new AkahuInitiateRequest(null, "priming", null,
                    null, NAME, ADDRESS, null), PRIMING_CALLER, CALLBACK_BASE_URL, deadline(inMemory)));
            prime("archived result", () -> inMemory.eventProcessor().process(callback(inMemory), deadline(inMemory)));
            Runnable request = ownRequest == null ? () -> { } : ownRequest.apply(inMemory);
            for (int i = 0; i < OWN_REQUESTS; i++) {
                request.run();
                ownRequestsServed++;
                inMemory.secretsManager().getSecretValue(get -> get.secretId(PRIMING_KEY));
                dynamoDbOperations(inMemory.dynamoDb());
            }
        } catch (RuntimeException e) {
            failure = e.toString();
            throw e;
        } finally {
            System.setOut(log);
            served = new Served(aws.answered(), ownRequestsServed, cloudcheck.calls(), failure);
        }
    }

    /** Cloudcheck's callback for the seeded Go request's recipient, as the table's stream hands it over. */
    private static RecordedEvent callback(Components inMemory) {
        String callbackId = inMemory.goRequestTable().find(SEEDED_REQUEST).orElseThrow().callbackId();
        return RecordedEvent.fromImage(Map.of("pk", "GO#" + SEEDED_REQUEST, "sk", "EVENT#PRIMING#Responded",
                "kind", "GO_CALLBACK", "callbackId", callbackId, "goApiReference", SEEDED_REQUEST,
                "recipientToken", "PRIMING", "hint", "Responded", "receivedAt", "2026-01-01T00:00:00Z"));
    }

    private static Deadline deadline(Components inMemory) {
        return Deadline.after(Duration.ofSeconds(30), inMemory.clock());
    }

    private static void dynamoDbOperations(DynamoDbClient dynamoDb) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(PRIMING_KEY), "sk", AttributeValue.fromS(PRIMING_KEY));
        dynamoDb.getItem(get -> get.tableName(PRIMING_KEY).key(key).consistentRead(true));
        dynamoDb.putItem(put -> put.tableName(PRIMING_KEY).item(key).conditionExpression("attribute_not_exists(pk)"));
        dynamoDb.updateItem(update -> update.tableName(PRIMING_KEY).key(key).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "state")).expressionAttributeValues(Map.of(":s", AttributeValue.fromS("X")))
                .returnValues(ReturnValue.ALL_NEW));
        dynamoDb.deleteItem(delete -> delete.tableName(PRIMING_KEY).key(key));
        dynamoDb.query(query -> query.tableName(PRIMING_KEY).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(PRIMING_KEY))).limit(1));
        dynamoDb.transactWriteItems(write -> write.transactItems(TransactWriteItem.builder()
                .put(Put.builder().tableName(PRIMING_KEY).item(key).build()).build()));
    }

    /**
     * A request valid in either region (an address with a state and no suburb), and with no completeUrl, which only
     * the deployment's allowed hosts may take: so the whole of validation is primed, not cut short by a refusal.
     */
    private static GoRequest goRequest() {
        return new GoRequest("priming", null, null, null, null, null, "Priming", "priming@example.invalid", "Priming",
                null, List.of(new GoRecipient("priming", NAME, "a@example.invalid", "+64210000000", "1990-01-01",
                        ADDRESS, new RequestTypes(true, null, null, null, null))));
    }

    private void json() throws Exception {
        String text = components.json().writeValueAsString(goRequest());
        JsonNode tree = components.json().readTree(text);
        components.goValidation().create(tree);
    }

    private void signing() {
        new RequestSigner(components.clock(), NonceSource.secureRandom())
                .sign("/go/create/", new ApiCredentials("priming", "priming"), Map.of("data", "{}"));
    }

    private void dynamoDb() {
        // A key no item has: the read and its typed mapping are exercised, nothing is found or written.
        components.results().read(new ItemKey.AkahuSession("PRIMING"));
    }

    private static void prime(String what, Step step) {
        try {
            step.run();
        } catch (Exception e) {
            log.debug("priming {} did not complete: {}", what, e.toString());
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
