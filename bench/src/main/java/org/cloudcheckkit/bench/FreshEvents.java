package org.cloudcheckkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cloudcheckkit.archive.ResultProcessor;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionEvent;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.ItemKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A function's first event for one measurement, from the sample in events/ that matches its first route, with fresh
 * data where the sample has a placeholder: a Go request whose recipient has responded, an Akahu session, a new
 * Idempotency-Key, a new access token. So every cold start does the full work a first request does, and no run
 * replays another's answer.
 */
final class FreshEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BenchStack stack;
    private final SecureRandom random = new SecureRandom();

    FreshEvents(BenchStack stack) {
        this.stack = stack;
    }

    /** The event file for one run of this function. */
    Path eventFor(ServerlessFunction function) {
        String sample = sampleFor(function);
        String text = read(stack.projectRoot.resolve("events").resolve(sample));
        if (text.contains("REPLACE-goApiReference") || text.contains("REPLACE-recipientToken") || text.contains("REPLACE-cid")) {
            Go go = respondedGoRecipient();
            if (sample.equals("go-recipient-pdf.json")) {
                // A download link needs an archived PDF; in production the archive function has made it by the time a
                // front end asks. Without it this cold start would serve the not-found path.
                ResultProcessor.Outcome archived = stack.components("ArchiveFunction").resultProcessor().refresh(
                        new ItemKey.Recipient(go.goApiReference, go.token), "bench",
                        Deadline.after(java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC()));
                if (archived != ResultProcessor.Outcome.ARCHIVED) {
                    throw new IllegalStateException("the recipient for the download's first event was not archived: " + archived);
                }
            }
            text = text.replace("REPLACE-goApiReference", go.goApiReference).replace("REPLACE-recipientToken", go.token)
                    .replace("REPLACE-cid", go.callbackId)
                    .replace("REPLACE-t", stack.components("WebhookReceiptFunction").callbackTokens()
                            .tokenFor(CallbackKind.GO, go.callbackId));
        }
        if (text.contains("REPLACE-akahuToken")) {
            text = text.replace("REPLACE-akahuToken", akahuSession());
        }
        text = text.replace("REPLACE-webhookToken", stack.aws.secretFields("WebhookTokenSecret").get("webhookToken"));
        text = text.replaceAll("\"idempotency-key\": \"[^\"]*\"", "\"idempotency-key\": \"" + UUID.randomUUID() + "\"");
        if (sample.startsWith("card-verification")) {
            String accessToken = HexFormat.of().formatHex(random.generateSeed(24));
            text = text.replaceAll("\\\\\"accessToken\\\\\": *\\\\\"[^\\\\]*\\\\\"", "\\\\\"accessToken\\\\\": \\\\\"" + accessToken + "\\\\\"");
        }
        try {
            Path file = Files.createTempFile("event-" + function.logicalId() + "-", ".json");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The event recorded and replayed after {@code first} as a warm invocation: another fresh event, or for the Go
     * callback another callback about the recipient {@code first} named (status Opened), and for the archive function
     * {@code first} delivered again (its result now archived). Both functions keep a request's binding once read
     * (GoRequests), so an event about a request new to them would record a read their replays do not make.
     */
    Path warmEventAfter(ServerlessFunction function, Path first) {
        String sample = sampleFor(function);
        if (sample.equals("archive-stream-insert.json")) {
            return first;
        }
        if (!sample.equals("callbacks-go.json")) {
            return eventFor(function);
        }
        try {
            ObjectNode event = (ObjectNode) readJson(first);
            event.put("rawQueryString", event.get("rawQueryString").asText().replaceAll("status=[^&]*", "status=Opened"));
            ((ObjectNode) event.get("queryStringParameters")).put("status", "Opened");
            Path file = Files.createTempFile("event-" + function.logicalId() + "-", ".json");
            Files.writeString(file, JSON.writeValueAsString(event), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Go create (events/go-create.json) whose body has {@code recipients} recipients, each the sample's recipient
     * with its own reference and e-mail address, under a new Idempotency-Key.
     */
    Path goCreateWith(int recipients) {
        try {
            ObjectNode event = (ObjectNode)
                    readJson(stack.projectRoot.resolve("events/go-create.json"));
            ObjectNode body = (ObjectNode)
                    JSON.readTree(event.get("body").asText());
            JsonNode sample = body.get("recipients").get(0);
            ArrayNode roster = JSON.createArrayNode();
            for (int i = 1; i <= recipients; i++) {
                ObjectNode recipient = sample.deepCopy();
                recipient.put("reference", String.format("cust-%04d", i));
                recipient.put("emailAddress", String.format("customer.%04d@example.nz", i));
                roster.add(recipient);
            }
            body.set("recipients", roster);
            body.put("reference", "bench-" + recipients + "-recipients");
            event.put("body", JSON.writeValueAsString(body));
            ((ObjectNode) event.get("headers")).put("idempotency-key",
                    UUID.randomUUID().toString());
            Path file = Files.createTempFile("event-create-" + recipients + "-", ".json");
            Files.writeString(file, JSON.writeValueAsString(event), StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events/ sample for a function: the one for its first HTTP route, or its stream or schedule sample. */
    String sampleFor(ServerlessFunction function) {
        for (FunctionEvent event : function.events()) {
            if (event instanceof FunctionEvent.HttpApi http) {
                return sampleWithRoute(http.routeKey()).orElseThrow(() -> new IllegalStateException(
                        "events/ has no sample for " + http.routeKey()));
            }
            if (event instanceof FunctionEvent.DynamoDb) {
                return "archive-stream-insert.json";
            }
            if (event instanceof FunctionEvent.Schedule) {
                return "reconcile-schedule.json";
            }
        }
        throw new IllegalStateException(function.logicalId() + " has no event this benchmark knows");
    }

    private Optional<String> sampleWithRoute(String routeKey) {
        try (var files = Files.list(stack.projectRoot.resolve("events"))) {
            return files.sorted().filter(file -> {
                JsonNode json = readJson(file);
                return json.has("routeKey") && json.get("routeKey").asText().equals(routeKey)
                        && !file.getFileName().toString().contains("invalid");
            }).map(file -> file.getFileName().toString()).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Go(String goApiReference, String token, String callbackId) {
    }

    /** A Go request made through the real handlers, sent, with its recipient responded in the sandbox. */
    private Go respondedGoRecipient() {
        APIGatewayV2HTTPResponse created = new CreateHandler(stack.components("CreateFunction")).handle(
                apiEvent(read(stack.projectRoot.resolve("events/go-create.json"))
                        .replaceAll("\"idempotency-key\": \"[^\"]*\"", "\"idempotency-key\": \"" + UUID.randomUUID() + "\"")),
                null);
        JsonNode body = readJson(created.getBody());
        String goApiReference = body.get("goApiReference").asText();
        String token = body.get("recipients").get(0).get("recipientToken").asText();
        new SendHandler(stack.components("SendFunction")).handle(apiEvent(read(stack.projectRoot
                .resolve("events/go-send.json")).replace("REPLACE-goApiReference", goApiReference)
                .replaceAll("\"idempotency-key\": \"[^\"]*\"", "\"idempotency-key\": \"" + UUID.randomUUID() + "\"")), null);
        stack.sandbox.completeRecipient(token, VerificationOutcome.PASS);
        Map<String, AttributeValue> request = stack.aws.dynamoDb().getItem(r -> r.tableName(stack.aws.physicalName("Table"))
                .key(Map.of("pk", AttributeValue.fromS("GO#" + goApiReference), "sk", AttributeValue.fromS("REQUEST")))).item();
        return new Go(goApiReference, token, request.get("callbackId").s());
    }

    private String akahuSession() {
        APIGatewayV2HTTPResponse started = new AkahuInitiateHandler(stack.components("AkahuInitiateFunction")).handle(
                apiEvent(read(stack.projectRoot.resolve("events/akahu-initiate.json"))
                        .replaceAll("\"idempotency-key\": \"[^\"]*\"", "\"idempotency-key\": \"" + UUID.randomUUID() + "\"")),
                null);
        String token = readJson(started.getBody()).get("token").asText();
        stack.sandbox.completeAkahu(token, org.cloudcheckkit.sandbox.akahu.AkahuStatus.PASS);
        return token;
    }

    private static APIGatewayV2HTTPEvent apiEvent(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, FreshEvents.class.getClassLoader())
                .fromJson(json);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path file) {
        return readJson(read(file));
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
