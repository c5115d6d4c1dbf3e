package org.cloudcheckkit.functions.archive;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.callbacks.WebhookReceiptHandler;
import org.cloudcheckkit.localaws.DynamoDbStreamReader;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * The archive side of the stack, wired as Lambda would wire it: each function from its own environment in
 * template.yaml (with short local timings), Cloudcheck's calls delivered to the real receipt handler, and the table's
 * stream handed to the real archive handler in batches of 10, as the template's event source does.
 */
final class ArchiveRig {
    private static final PojoSerializer<DynamodbEvent> STREAM_EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, ArchiveRig.class.getClassLoader());
    /** Local timings: retries and reconciliations due at once, so a test runs them by invoking the schedule. */
    static final Map<String, String> LOCAL_TIMINGS = Map.of("ARCHIVE_RETRY_BASE_SECONDS", "0",
            "RECONCILE_INTERVAL_SECONDS", "0", "ZIP_POLL_SECONDS", "0");

    final LocalAws aws;
    final CloudcheckSandbox sandbox;
    private final Map<String, String> overrides;
    private final DynamoDbStreamReader stream;
    final WebhookReceiptHandler receipt;
    final ArchiveHandler archive;
    final ReconcileHandler reconcile;
    final DownloadsHandler downloads;

    ArchiveRig(LocalAws aws, CloudcheckSandbox sandbox, Map<String, String> extra) {
        this.aws = aws;
        this.sandbox = sandbox;
        Map<String, String> all = new HashMap<>(LOCAL_TIMINGS);
        all.putAll(extra);
        this.overrides = all;
        this.stream = new DynamoDbStreamReader(aws.dynamoDbStreams(), aws.tableStreamArn("Table"), aws.region().id(), false);
        this.receipt = new WebhookReceiptHandler(components("WebhookReceiptFunction"));
        this.archive = new ArchiveHandler(components("ArchiveFunction"));
        this.reconcile = new ReconcileHandler(components("ReconcileFunction"));
        this.downloads = new DownloadsHandler(components("DownloadsFunction"));
    }

    Components components(String functionId) {
        return TestStack.components(aws, sandbox, functionId, overrides);
    }

    /** Hands every new stream record to the archive handler, 10 at a time, until the stream has nothing new. */
    int drainStream() {
        int delivered = 0;
        for (List<DynamodbEvent.DynamodbStreamRecord> records = stream.poll(); !records.isEmpty(); records = stream.poll()) {
            for (int start = 0; start < records.size(); start += 10) {
                List<DynamodbEvent.DynamodbStreamRecord> batch = records.subList(start, Math.min(records.size(), start + 10));
                String response = invokeArchive(DynamoDbStreamReader.event(new ArrayList<>(batch)));
                if (!response.equals("{\"batchItemFailures\":[]}")) {
                    throw new AssertionError("the archive handler failed a batch: " + response);
                }
                delivered += batch.size();
            }
        }
        return delivered;
    }

    /** Invokes the archive function as Lambda does: the event as Lambda's own serializer writes it, bytes in and out. */
    String invokeArchive(DynamodbEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        STREAM_EVENTS.toJson(event, json);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            archive.handleRequest(new ByteArrayInputStream(json.toByteArray()), answer, new FunctionContext("test"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** A Go callback as Cloudcheck makes it: our notificationUrl's cid and t, plus its own three parameters. */
    APIGatewayV2HTTPResponse goCallback(String goApiReference, String recipientToken, String status) {
        Map<String, AttributeValue> request = requestItem(goApiReference);
        String callbackId = request.get("callbackId").s();
        return InContract.handle(receipt, SampleEvents.load("callbacks-go.json")
                .queryParameter("cid", callbackId)
                .queryParameter("t", components("WebhookReceiptFunction").callbackTokens()
                        .tokenFor(org.cloudcheckkit.callbacks.CallbackKind.GO, callbackId))
                .queryParameter("goApiReference", goApiReference)
                .queryParameter("recipientToken", recipientToken)
                .queryParameter("status", status).event(), new FunctionContext("test"));
    }

    Map<String, AttributeValue> requestItem(String goApiReference) {
        return item("GO#" + goApiReference, "REQUEST");
    }

    Map<String, AttributeValue> recipientItem(String goApiReference, String recipientToken) {
        return item("GO#" + goApiReference, "RECIPIENT#" + recipientToken);
    }

    Map<String, AttributeValue> item(String pk, String sk) {
        return aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table"))
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk))).consistentRead(true)).item();
    }

    byte[] object(String key) {
        try (ResponseInputStream<GetObjectResponse> in = aws.s3().getObject(r -> r.bucket(bucket()).key(key))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> metadata(String key) {
        return aws.s3().headObject(r -> r.bucket(bucket()).key(key)).metadata();
    }

    /** Every version of every object under a prefix: exactly-once means one version per key. */
    List<ObjectVersion> versions(String prefix) {
        return aws.s3().listObjectVersions(r -> r.bucket(bucket()).prefix(prefix)).versions();
    }

    String bucket() {
        return aws.physicalName("ArchiveBucket");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
