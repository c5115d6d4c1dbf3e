package org.cloudcheckkit.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.archive.DownloadsHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.SandboxConfig;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.StateAudit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The main flows hold whichever plausible shape the real Cloudcheck answers in (the sandbox's wire variants, WIRE.md):
 * a Go request is created, sent and resent, its recipients' results archived and its results zip archived - generated
 * again once a later response makes it stale - and an Akahu session is started and archived.
 */
class WireVariantFlowsTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withConfig(
            SandboxConfig.builder().requestClock(CLOCK).build());

    @ParameterizedTest
    @EnumSource(WireVariant.class)
    void aGoRequestIsCreatedResentArchivedAndZippedWhateverTheShape(WireVariant variant, LocalAws aws,
                                                                     CloudcheckSandbox sandbox) throws Exception {
        sandbox.variants(Set.of(variant));
        StackRig rig = new StackRig(aws, sandbox, CLOCK);

        APIGatewayV2HTTPResponse created = InContract.handle(new CreateHandler(rig.instance("CreateFunction")),
                SampleEvents.load("go-create.json").editBody(body -> {
                    ArrayNode recipients = (ArrayNode) body.get("recipients");
                    recipients.add(((ObjectNode) recipients.get(0).deepCopy()).put("reference", "cust-2"));
                }).event(), new FunctionContext("test"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String goApiReference = TestStack.body(created).get("goApiReference").asText();
        List<String> tokens = new ArrayList<>();
        TestStack.body(created).get("recipients").forEach(recipient -> tokens.add(recipient.path("recipientToken").asText("")));
        assertEquals(2, tokens.size());
        assertTrue(tokens.stream().noneMatch(String::isEmpty), "every recipient has its token: " + created.getBody());

        assertEquals(200, InContract.handle(new SendHandler(rig.instance("SendFunction")),
                SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", goApiReference).event(), new FunctionContext("test")).getStatusCode());
        APIGatewayV2HTTPResponse resent = InContract.handle(new SendHandler(rig.instance("SendFunction")),
                SampleEvents.load("go-resend.json").pathParameter("goApiReference", goApiReference)
                        .pathParameter("recipientToken", tokens.get(1)).event(), new FunctionContext("test"));
        assertEquals(200, resent.getStatusCode(), resent.getBody());

        sandbox.completeRecipient(tokens.get(0), VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();
        DownloadsHandler downloads = new DownloadsHandler(rig.instance("DownloadsFunction"));
        assertEquals(202, InContract.handle(downloads,
                archive(goApiReference, "go-archive-start.json"), new FunctionContext("test"))
                .getStatusCode());
        sandbox.completeRecipient(tokens.get(1), VerificationOutcome.FAIL);
        rig.relayCallbacks();
        rig.deliverStream();
        for (int poll = 0; poll < 3; poll++) {
            sandbox.advanceClock(Duration.ofMinutes(5));
            rig.reconcile();
        }

        for (String token : tokens) {
            ResultItem result = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"),
                    new ItemKey.Recipient(goApiReference, token));
            assertEquals("Responded", result.status());
            assertTrue(result.archive().isArchived(), variant + ": " + result.archive());
            byte[] pdf = object(aws, result.archive().pdfKey());
            assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
        }
        JsonNode zip = TestStack.body(InContract.handle(downloads,
                archive(goApiReference, "go-archive-status.json"), new FunctionContext("test")));
        assertEquals("ARCHIVED", zip.get("state").asText(), variant + ": " + zip);
        assertTrue(zip.get("regenerations").asInt() >= 1, "the stale zip was generated again: " + zip);
        byte[] zipBytes = object(aws, zip.get("zipKey").asText());
        assertEquals("PK", new String(zipBytes, 0, 2, StandardCharsets.US_ASCII));
        assertTrue(StateAudit.stranded(aws.dynamoDb(), aws.physicalName("Table")).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(WireVariant.class)
    void anAkahuSessionIsStartedAndArchivedWhateverTheShape(WireVariant variant, LocalAws aws, CloudcheckSandbox sandbox) {
        sandbox.variants(Set.of(variant));
        StackRig rig = new StackRig(aws, sandbox, CLOCK);

        APIGatewayV2HTTPResponse started = InContract.handle(new AkahuInitiateHandler(rig.instance("AkahuInitiateFunction")),
                SampleEvents.load("akahu-initiate.json").header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        assertEquals(201, started.getStatusCode(), started.getBody());
        String token = TestStack.body(started).get("token").asText();
        assertFalse(TestStack.body(started).path("url").asText("").isEmpty(), "the customer's link: " + started.getBody());
        sandbox.completeAkahu(token, AkahuStatus.PASS);
        rig.relayCallbacks();
        rig.deliverStream();

        String callbackId = aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .filter(item -> token.equals(item.getOrDefault("akahuToken", AttributeValue.fromS("")).s()))
                .findFirst().orElseThrow().get("callbackId").s();
        ResultItem session = StateAudit.result(aws.dynamoDb(), aws.physicalName("Table"), new ItemKey.AkahuSession(callbackId));
        assertTrue(session.archive().isArchived(), variant + ": " + session.archive());
        assertEquals("%PDF-", new String(object(aws, session.archive().pdfKey()), 0, 5, StandardCharsets.US_ASCII));
    }

    private static APIGatewayV2HTTPEvent archive(String goApiReference, String event) {
        return SampleEvents.load(event).pathParameter("goApiReference", goApiReference)
                .header("idempotency-key", UUID.randomUUID().toString()).event();
    }

    private static byte[] object(LocalAws aws, String key) {
        try (var in = aws.s3().getObject(r -> r.bucket(aws.physicalName("ArchiveBucket")).key(key))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
