package org.cloudcheckkit.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.Name;
import org.cloudcheckkit.cloudcheck.go.RequestTypes;
import org.cloudcheckkit.signing.ApiCredentials;
import org.cloudcheckkit.signing.NonceSource;
import org.cloudcheckkit.signing.RequestSigner;
import org.cloudcheckkit.table.ItemKey;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming. Lambda takes a function's snapshot after its init; code that has run by then is loaded, linked
 * and initialised in the snapshot, and a restored function does not pay for it again. Just before the snapshot this
 * runs, without side effects, what every invocation runs: Jackson on a Go request, the request signer (with dummy
 * credentials: no secret is fetched into the snapshot), a DynamoDB read of a key that never exists when the function
 * has a DynamoDB client, and an S3 presign when it has an archive store. A failure here is logged and ignored: priming
 * only saves time.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger log = LoggerFactory.getLogger(SnapStartPriming.class);
    /** CRaC holds resources weakly; these strong references keep them until the checkpoint. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();

    private final Components components;

    SnapStartPriming(Components components) {
        this.components = components;
    }

    static synchronized void register(Components components) {
        SnapStartPriming priming = new SnapStartPriming(components);
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
        }
        log.info("primed for SnapStart in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to undo: the HTTP clients drop idle connections within seconds, and SecureRandom reseeds itself.
    }

    /** Runs every step now, for tests and for a JVM without CRaC. */
    public static void primeNow(Components components) {
        new SnapStartPriming(components).beforeCheckpoint(null);
    }

    /**
     * A request valid in either region (an address with a state and no suburb), and with no completeUrl, which only
     * the deployment's allowed hosts may take: so the whole of validation is primed, not cut short by a refusal.
     */
    private void json() throws Exception {
        GoRequest request = new GoRequest("priming", null, null, null, null, null, "Priming",
                "priming@example.invalid", "Priming", null, List.of(new GoRecipient("priming", new Name("A", null, "B"),
                "a@example.invalid", "+64210000000", "1990-01-01",
                new Address(null, "1", "Street", null, "City", "1010", "NSW"), new RequestTypes(true, null, null, null, null))));
        String text = components.json().writeValueAsString(request);
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
