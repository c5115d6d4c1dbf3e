package org.cloudcheckkit.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cloudcheckkit.api.Owner;
import org.cloudcheckkit.aws.AwsClients;
import org.cloudcheckkit.aws.AwsSettings;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackReceipt;
import org.cloudcheckkit.callbacks.CallbackRejectedException;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.metrics.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The receipt of a Go callback checks it against its request's callback id and roster. A request item carries its
 * whole roster, so reading it costs more than the callback's own write: a burst of callbacks for one request reads
 * it once, and each callback after that is its event's write alone - while anything the first read did not prove is
 * read and checked again.
 */
class KnownBindingsTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    private static final int RECIPIENTS = 100;

    /** DynamoDB requests the receipt function sent, by operation. */
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private Components receiptFunction;
    private LocalAws aws;

    @BeforeEach
    void setUp(LocalAws aws) {
        this.aws = aws;
        Map<String, String> environment = aws.functionEnvironment("WebhookReceiptFunction", Map.of());
        receiptFunction = new Components(Settings.from(environment),
                new AwsClients(AwsSettings.fromEnvironment(environment), counting(UrlConnectionHttpClient.create())),
                Clock.systemUTC(), new SecureRandom(), CrashPoints.NONE, Metrics.NONE);
    }

    @Test
    void aBurstOfCallbacksForOneRequestReadsItOnceAndThenOnlyWritesEachEvent() {
        GoRequestItem request = request(RECIPIENTS);
        CallbackReceipt receipt = receiptFunction.callbackReceipt();

        List<String> tokens = List.copyOf(request.roster().keySet());
        for (String token : tokens.subList(0, 20)) {
            for (String status : List.of("Delivered", "Opened")) {
                receipt.go(callback(request.callbackId(), request.goApiReference(), token, status));
            }
        }

        assertEquals(1, count("GetItem"), "the request read once, for 40 callbacks");
        assertEquals(40, count("PutItem"), "each callback's event written");
    }

    @Test
    void whatTheFirstReadDidNotProveIsCheckedAgainstTheTableAsBefore() {
        GoRequestItem request = request(RECIPIENTS);
        GoRequestItem other = request(1);
        CallbackReceipt receipt = receiptFunction.callbackReceipt();
        String token = request.roster().keySet().iterator().next();
        receipt.go(callback(request.callbackId(), request.goApiReference(), token, "Delivered"));

        CallbackRejectedException otherCallbackId = assertThrows(CallbackRejectedException.class,
                () -> receipt.go(callback(other.callbackId(), request.goApiReference(), token, "Opened")));
        String added = UUID.randomUUID().toString();
        CallbackRejectedException notOnRoster = assertThrows(CallbackRejectedException.class,
                () -> receipt.go(callback(request.callbackId(), request.goApiReference(), added, "Opened")));
        aws.dynamoDb().updateItem(update -> update.tableName(aws.physicalName("Table"))
                .key(Item.key(request.key())).updateExpression("SET roster.#token = :entry")
                .expressionAttributeNames(Map.of("#token", added))
                .expressionAttributeValues(Map.of(":entry", GoRequestItem.rosterValue(
                        new RosterEntry(added, "added", Instant.now().toString(), RosterEntry.State.ACTIVE, null)))));
        CallbackReceipt.Receipt addedSince = receipt.go(callback(request.callbackId(), request.goApiReference(), added,
                "Opened"));

        assertEquals(403, otherCallbackId.status());
        assertEquals(403, notOnRoster.status());
        assertFalse(addedSince.duplicate(), "a recipient added after the first read is read, found and recorded");
        assertEquals(4, count("GetItem"), "the first callback and each one its read did not prove");
    }

    /** A Go request of {@code recipients}, written as the create function writes it. */
    private GoRequestItem request(int recipients) {
        Map<String, RosterEntry> roster = new LinkedHashMap<>();
        for (int i = 0; i < recipients; i++) {
            String token = UUID.randomUUID().toString();
            roster.put(token, new RosterEntry(token, "recipient-" + i, Instant.now().toString(), RosterEntry.State.ACTIVE,
                    null));
        }
        GoRequestItem request = new GoRequestItem("GO-" + UUID.randomUUID(), "known-bindings", Instant.now(), "create",
                receiptFunction.callbackTokens().newCallbackId(), new Owner("tester", null), roster);
        aws.dynamoDb().putItem(put -> put.tableName(aws.physicalName("Table"))
                .item(request.toItem(DueWork.RECONCILE, Instant.now())));
        return request;
    }

    private Map<String, String> callback(String callbackId, String goApiReference, String recipientToken, String status) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("cid", callbackId);
        parameters.put("t", receiptFunction.callbackTokens().tokenFor(CallbackKind.GO, callbackId));
        parameters.put("goApiReference", goApiReference);
        parameters.put("recipientToken", recipientToken);
        parameters.put("status", status);
        return parameters;
    }

    private int count(String operation) {
        return sent.getOrDefault(operation, new AtomicInteger()).get();
    }

    private SdkHttpClient counting(SdkHttpClient http) {
        return new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                request.httpRequest().firstMatchingHeader("X-Amz-Target")
                        .filter(target -> target.startsWith("DynamoDB_"))
                        .ifPresent(target -> sent.computeIfAbsent(target.substring(target.indexOf('.') + 1),
                                operation -> new AtomicInteger()).incrementAndGet());
                return http.prepareRequest(request);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
