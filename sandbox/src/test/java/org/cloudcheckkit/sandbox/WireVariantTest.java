package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.ServedDocument;
import org.cloudcheckkit.sandbox.api.FormParameters;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each wire variant changes exactly what it says: the same call is answered once as WIRE.md pins it and once with the
 * variant on (switched through the Java API or the control API), and the two answers differ only where the variant
 * says they do.
 */
class WireVariantTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = "/go/create/";
    private static final String RESULT = "/go/result/";
    private static final String RESULTS = "/go/results/";
    private static final String GENERATE = "/go/pdfs/generate/";
    private static final String RETRIEVE = "/go/pdfs/retrieve/";
    private static final String STALE_MESSAGE = "Missing or invalid token";

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    /** The two ways a test turns a variant on. */
    enum Switch {
        JAVA_API, CONTROL_API
    }

    private final CallbackReceiver receiver = new CallbackReceiver();
    private ApiClient client;

    @BeforeEach
    void connect() {
        client = ApiClient.forAllServicesKey(sandbox.sandbox());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @ParameterizedTest
    @EnumSource(Switch.class)
    void createWithoutTokensLeavesOutOnlyTheTokensAndLinks(Switch by) {
        ObjectNode invalid = TestData.recipient("bad-phone").put("mobileNumber", "021 123");
        ObjectNode noReference = TestData.recipient("x");
        noReference.remove("reference");
        ObjectNode request = TestData.createRequest(TestData.recipient("cust-1"), invalid, noReference);
        JsonNode pinned = client.postOk(CREATE, request);

        turnOn(by, WireVariant.CREATE_WITHOUT_TOKENS);
        JsonNode variant = client.postOk(CREATE, request);

        assertEquals(fieldNames(pinned), fieldNames(variant));
        assertEquals(without(pinned.path("recipients"), "recipientToken", "link"), variant.path("recipients"));
        assertTrue(pinned.path("recipients").path(0).has("recipientToken"), "the pinned shape has tokens");
        assertEquals(JSON.createObjectNode().put("reference", "cust-1").put("status", "Not Sent"),
                variant.path("recipients").path(0));
        assertEquals(JSON.createObjectNode().put("status", "Not Sent"), variant.path("recipients").path(2));

        String goApiReference = variant.path("goApiReference").asText();
        JsonNode listed = client.getOk(RESULTS, "goApiReference", goApiReference).path("recipients");
        assertEquals(2, listed.size());
        String token = listed.path(0).path("recipientToken").asText();
        assertEquals("cust-1", listed.path(0).path("reference").asText());
        assertEquals(sandbox.baseUrl() + "/_sandbox/journey/go/" + token, listed.path(0).path("link").asText());
        assertEquals("Not Sent", client.getOk(RESULT, "token", token).path("status").asText());
        JsonNode added = client.postOk("/go/add-recipient/", TestData.object().put("goApiReference", goApiReference)
                .set("recipient", TestData.recipient("cust-3")));
        assertTrue(added.has("recipientToken") && added.has("link"), "seed 000 gives add-recipient a token");
    }

    @ParameterizedTest
    @EnumSource(Switch.class)
    void resultWithoutStatusLeavesOutStatusAndStatusDate(Switch by) {
        String token = recipientToken(TestData.recipient("cust-1"));
        sandbox.sandbox().completeRecipient(token, VerificationOutcome.PASS);
        JsonNode pinned = client.getOk(RESULT, "token", token);

        turnOn(by, WireVariant.RESULT_WITHOUT_STATUS);
        JsonNode variant = client.getOk(RESULT, "token", token);

        assertEquals("Responded", pinned.path("status").asText());
        assertTrue(pinned.has("statusDate"));
        assertEquals(without(pinned, "status", "statusDate"), variant);
        assertEquals("Responded", client.getOk(RESULTS, "goApiReference", variant.path("goApiReference").asText())
                .path("recipients").path(0).path("status").asText(), "results keep their statuses");
    }

    @ParameterizedTest
    @EnumSource(Switch.class)
    void resultSectionErrorPutsAnErrorInTheLiveSectionOnly(Switch by) {
        ObjectNode withLive = TestData.recipient("live");
        withLive.withObjectProperty("requestType").put("live", true);
        JsonNode created = client.postOk(CREATE, TestData.createRequest(TestData.recipient("plain"), withLive));
        String plain = created.path("recipients").path(0).path("recipientToken").asText();
        String live = created.path("recipients").path(1).path("recipientToken").asText();
        sandbox.sandbox().completeRecipient(plain, VerificationOutcome.PASS);
        sandbox.sandbox().completeRecipient(live, VerificationOutcome.PASS);
        JsonNode pinnedPlain = client.getOk(RESULT, "token", plain);
        JsonNode pinnedLive = client.getOk(RESULT, "token", live);

        turnOn(by, WireVariant.RESULT_SECTION_ERROR);
        JsonNode variantPlain = client.getOk(RESULT, "token", plain);
        JsonNode variantLive = client.getOk(RESULT, "token", live);

        assertFalse(pinnedPlain.has("live"));
        assertEquals("PASS", pinnedLive.path("live").path("outcome").asText());
        assertEquals(with(pinnedPlain, "live", error(108, "You do not have permission to access this resource.")),
                variantPlain);
        assertEquals(with(pinnedLive, "live", error(111, "The query failed for an unspecified reason.")), variantLive);
        assertEquals("PASS", variantLive.path("verification").path("outcome").asText());
    }

    static Stream<Arguments> zipContentTypes() {
        List<Arguments> rows = new ArrayList<>();
        for (Switch by : Switch.values()) {
            rows.add(Arguments.of(by, WireVariant.ZIP_AS_OCTET_STREAM, "application/octet-stream"));
            rows.add(Arguments.of(by, WireVariant.ZIP_AS_X_ZIP_COMPRESSED, "application/x-zip-compressed"));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{1} by {0}")
    @MethodSource("zipContentTypes")
    void zipVariantsChangeOnlyTheContentType(Switch by, WireVariant zipVariant, String contentType)
            throws InterruptedException {
        String job = readyJob(TestData.recipient("cust-1"));
        ApiResponse pinned = client.get(RETRIEVE, "token", job);

        turnOn(by, zipVariant);
        ApiResponse variant = client.get(RETRIEVE, "token", job);

        assertEquals("application/zip", pinned.contentType());
        assertEquals(contentType, variant.contentType());
        assertEquals(200, variant.status());
        assertArrayEquals(pinned.body(), variant.body(), "the same zip, byte for byte");
        // A document is logged once its body is written, so the two answers' entries may land in either order, and
        // the PDF an earlier test fetched last may land after this test's reset: only this test's path is compared.
        assertEquals(Set.of("application/zip", contentType), servedDocuments(RETRIEVE, 2).stream()
                .map(ServedDocument::contentType).collect(Collectors.toSet()), "as the document log records it");
        assertEquals("application/pdf", client.get("/go/pdf/", "token", sandbox.sandbox().recipientTokens()
                .iterator().next()).contentType(), "single PDFs keep their type");
    }

    @ParameterizedTest
    @EnumSource(Switch.class)
    void akahuLinkAsLinkRenamesOnlyTheUrl(Switch by) {
        ObjectNode initiate = TestData.object().put("callback", "https://app.example.nz/akahu-done");
        JsonNode pinned = client.postOk("/akahu/initiate/", initiate);

        turnOn(by, WireVariant.AKAHU_LINK_AS_LINK);
        JsonNode variant = client.postOk("/akahu/initiate/", initiate);

        String token = variant.path("token").asText();
        assertEquals(List.of("token", "url"), fieldNames(pinned));
        assertEquals(List.of("token", "link"), fieldNames(variant));
        assertEquals(sandbox.baseUrl() + "/_sandbox/journey/akahu/" + token, variant.path("link").asText());
        assertEquals("Pending", client.getOk("/akahu/result/", "token", token).path("status").asText());
    }

    static Stream<Arguments> staleZipAnswers() {
        List<Arguments> rows = new ArrayList<>();
        for (Switch by : Switch.values()) {
            rows.add(Arguments.of(by, WireVariant.STALE_ZIP_OTHER_CODE, 400,
                    JSON.createObjectNode().put("error", 102).put("message", STALE_MESSAGE).put("fields", "token")));
            rows.add(Arguments.of(by, WireVariant.STALE_ZIP_WITHOUT_CODE, 200,
                    JSON.createObjectNode().put("message", STALE_MESSAGE)));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{1} by {0}")
    @MethodSource("staleZipAnswers")
    void staleZipVariantsChangeOnlyTheCodeOfAStaleJob(Switch by, WireVariant staleVariant, int httpStatus,
                                                      JsonNode expected) {
        ObjectNode second = TestData.recipient("cust-2");
        JsonNode created = client.postOk(CREATE, TestData.createRequest(TestData.recipient("cust-1"), second));
        String goApiReference = created.path("goApiReference").asText();
        sandbox.sandbox().completeRecipient(created.path("recipients").path(0).path("recipientToken").asText(),
                VerificationOutcome.PASS);
        String job = client.getOk(GENERATE, "goApiReference", goApiReference).path("token").asText();
        sandbox.sandbox().advanceClock(Duration.ofSeconds(5));
        sandbox.sandbox().completeRecipient(created.path("recipients").path(1).path("recipientToken").asText(),
                VerificationOutcome.PASS);
        ApiResponse pinned = client.get(RETRIEVE, "token", job);

        turnOn(by, staleVariant);
        ApiResponse variant = client.get(RETRIEVE, "token", job);

        assertEquals(105, pinned.error());
        assertEquals(STALE_MESSAGE, pinned.json().path("message").asText());
        assertEquals(httpStatus, variant.status(), variant::toString);
        assertEquals("application/json; charset=utf-8", variant.contentType());
        assertEquals(expected, without(variant.json(), "errorDetail"));
        assertEquals(105, client.get(RETRIEVE, "token", "no-such-job").error(), "an unknown job is still 105");
        String fresh = client.getOk(GENERATE, "goApiReference", goApiReference).path("token").asText();
        sandbox.sandbox().advanceClock(Duration.ofSeconds(5));
        assertEquals("application/zip", client.get(RETRIEVE, "token", fresh).contentType());
    }

    @ParameterizedTest
    @EnumSource(Switch.class)
    void unknownWebhookTypesAddEventsAndFieldsAndAGoStatus(Switch by) {
        sandbox.sandbox().accountWebhookUrl(URI.create(receiver.url("/account")));
        String goToken = recipientToken(TestData.recipient("cust-1"), receiver.url("/go"));
        String akahuToken = client.postOk("/akahu/initiate/", TestData.object()
                .put("callback", "https://app.example.nz/akahu-done")
                .put("webhookUrl", receiver.url("/akahu"))).path("token").asText();

        turnOn(by, WireVariant.UNKNOWN_WEBHOOK_TYPES);
        sandbox.sandbox().completeRecipient(goToken, VerificationOutcome.PASS);
        sandbox.sandbox().completeAkahu(akahuToken, AkahuStatus.PASS);
        client.postOk("/akahu/review/", TestData.object().put("akahuToken", akahuToken)
                .put("reviewDecision", "APPROVED"));
        sandbox.sandbox().sendAccountWebhook("PASSPORT", "DELETED", "p-1");
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(10)));

        assertEquals(List.of("Viewed", "Opened", "Clicked", "Responded"), received("/go").stream()
                .map(call -> FormParameters.parse(call.uri().getRawQuery()).value("status")).toList());
        assertEquals("Responded", sandbox.sandbox().recipient(goToken).status().label());

        List<JsonNode> akahu = bodies(received("/akahu"));
        assertEquals(List.of("ACCOUNTS_REFRESHED", "STATUS_CHANGE", "ACCOUNTS_REFRESHED", "STATUS_CHANGE"),
                akahu.stream().map(body -> body.path("eventType").asText()).toList());
        for (JsonNode body : akahu) {
            assertEquals("AKAHU", body.path("requestType").asText());
            assertEquals(akahuToken, body.path("reference").asText());
            assertExtraFields(body);
        }
        assertEquals("Pass", akahu.get(1).path("status").asText());
        assertFalse(akahu.get(0).has("status"));

        List<JsonNode> account = bodies(received("/account"));
        assertEquals(List.of("AKAHU/NOTE_ADDED", "ADDRESS_CHECK/REVIEW", "AKAHU/REVIEW", "PASSPORT/DELETED"),
                account.stream().map(body -> body.path("requestType").asText() + "/" + body.path("eventType").asText())
                        .toList());
        assertEquals(akahuToken, account.get(0).path("reference").asText());
        UUID.fromString(account.get(1).path("reference").asText());
        assertEquals(akahuToken, account.get(2).path("reference").asText());
        account.forEach(WireVariantTest::assertExtraFields);
    }

    /** Without the variant every webhook has exactly the three documented fields and notifications the known statuses. */
    @Test
    void withoutVariantsCallbacksAreAsPinned() {
        sandbox.sandbox().accountWebhookUrl(URI.create(receiver.url("/account")));
        String goToken = recipientToken(TestData.recipient("cust-1"), receiver.url("/go"));
        String akahuToken = client.postOk("/akahu/initiate/", TestData.object()
                .put("callback", "https://app.example.nz/akahu-done")
                .put("webhookUrl", receiver.url("/akahu"))).path("token").asText();

        sandbox.sandbox().completeRecipient(goToken, VerificationOutcome.PASS);
        sandbox.sandbox().completeAkahu(akahuToken, AkahuStatus.PASS);
        client.postOk("/akahu/review/", TestData.object().put("akahuToken", akahuToken)
                .put("reviewDecision", "APPROVED"));
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(10)));

        assertEquals(List.of("Opened", "Clicked", "Responded"), received("/go").stream()
                .map(call -> FormParameters.parse(call.uri().getRawQuery()).value("status")).toList());
        ObjectNode statusChange = JSON.createObjectNode().put("requestType", "AKAHU").put("eventType", "STATUS_CHANGE")
                .put("reference", akahuToken);
        assertEquals(List.of(statusChange, statusChange), bodies(received("/akahu")));
        assertEquals(List.of(statusChange.deepCopy().put("eventType", "REVIEW")), bodies(received("/account")));
    }

    @Test
    void theControlApiShowsReplacesAndResetsTheVariants() {
        JsonNode initially = control("GET", "/_sandbox/settings", null).json();
        ApiResponse changed = control("POST", "/_sandbox/settings",
                "{\"variants\":[\"create_without_tokens\",\"zip-as-octet-stream\"]}");
        Set<WireVariant> inJava = sandbox.sandbox().variants();
        ApiResponse unknown = control("POST", "/_sandbox/settings", "{\"variants\":[\"NOPE\"],\"pdfPaddingBytes\":7}");
        ApiResponse rivals = control("POST", "/_sandbox/settings",
                "{\"variants\":[\"STALE_ZIP_OTHER_CODE\",\"STALE_ZIP_WITHOUT_CODE\"]}");
        ApiResponse notAnArray = control("POST", "/_sandbox/settings", "{\"variants\":\"AKAHU_LINK_AS_LINK\"}");
        JsonNode afterRefusals = control("GET", "/_sandbox/settings", null).json();
        JsonNode reset = control("POST", "/_sandbox/reset", null).json();
        control("POST", "/_sandbox/settings", "{\"variants\":[\"AKAHU_LINK_AS_LINK\"]}");
        JsonNode cleared = control("POST", "/_sandbox/settings", "{\"variants\":[]}").json();

        assertEquals(JSON.createArrayNode(), initially.path("variants"));
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(names("CREATE_WITHOUT_TOKENS", "ZIP_AS_OCTET_STREAM"), changed.json().path("variants"));
        assertEquals(Set.of(WireVariant.CREATE_WITHOUT_TOKENS, WireVariant.ZIP_AS_OCTET_STREAM), inJava);
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().path("message").asText().contains("NOPE"), unknown::toString);
        assertEquals(400, rivals.status());
        assertEquals(400, notAnArray.status());
        assertEquals(names("CREATE_WITHOUT_TOKENS", "ZIP_AS_OCTET_STREAM"), afterRefusals.path("variants"));
        assertEquals(0, afterRefusals.path("pdfPaddingBytes").asLong(), "a refused change changes nothing");
        assertEquals(JSON.createArrayNode(), reset.path("variants"));
        assertEquals(JSON.createArrayNode(), cleared.path("variants"));
    }

    @Test
    void configuredVariantsAreServedFromTheStartAndRestoredByReset() {
        SandboxConfig config = SandboxConfig.builder()
                .variants(WireVariant.AKAHU_LINK_AS_LINK, WireVariant.RESULT_WITHOUT_STATUS)
                .build();
        try (CloudcheckSandbox configured = CloudcheckSandbox.start(config)) {
            ApiClient configuredClient = ApiClient.forAllServicesKey(configured);
            JsonNode initiated = configuredClient.postOk("/akahu/initiate/",
                    TestData.object().put("callback", "https://app.example.nz/akahu-done"));

            configured.variants(Set.of());
            JsonNode plain = configuredClient.postOk("/akahu/initiate/",
                    TestData.object().put("callback", "https://app.example.nz/akahu-done"));
            configured.reset();

            assertTrue(initiated.has("link"));
            assertTrue(plain.has("url"));
            assertEquals(Set.of(WireVariant.AKAHU_LINK_AS_LINK, WireVariant.RESULT_WITHOUT_STATUS),
                    configured.variants());
        }
        assertThrows(IllegalArgumentException.class, () -> SandboxConfig.builder()
                .variants(WireVariant.ZIP_AS_OCTET_STREAM, WireVariant.ZIP_AS_X_ZIP_COMPRESSED));
        assertThrows(IllegalArgumentException.class, () -> sandbox.sandbox()
                .variants(Set.of(WireVariant.STALE_ZIP_OTHER_CODE, WireVariant.STALE_ZIP_WITHOUT_CODE)));
    }

    private void turnOn(Switch by, WireVariant variant) {
        if (by == Switch.JAVA_API) {
            sandbox.sandbox().variants(Set.of(variant));
        } else {
            ApiResponse settings = control("POST", "/_sandbox/settings",
                    "{\"variants\":[\"" + variant.name() + "\"]}");
            assertEquals(200, settings.status(), settings::toString);
        }
        assertEquals(Set.of(variant), sandbox.sandbox().variants());
    }

    private String recipientToken(ObjectNode recipient) {
        return client.postOk(CREATE, TestData.createRequest(recipient))
                .path("recipients").path(0).path("recipientToken").asText();
    }

    private String recipientToken(ObjectNode recipient, String notificationUrl) {
        return client.postOk(CREATE, TestData.createRequest(recipient).put("notificationUrl", notificationUrl))
                .path("recipients").path(0).path("recipientToken").asText();
    }

    /** A finished zip job over one responded recipient. */
    private String readyJob(ObjectNode recipient) {
        JsonNode created = client.postOk(CREATE, TestData.createRequest(recipient));
        sandbox.sandbox().completeRecipient(created.path("recipients").path(0).path("recipientToken").asText(),
                VerificationOutcome.PASS);
        String job = client.getOk(GENERATE, "goApiReference", created.path("goApiReference").asText())
                .path("token").asText();
        sandbox.sandbox().advanceClock(Duration.ofSeconds(5));
        return job;
    }

    /** The log records a document once all its bytes are sent, which the client may see first. */
    /** The documents served on {@code path}, once there are {@code count} of them (or after 5 s). */
    private static List<ServedDocument> servedDocuments(String path, int count) throws InterruptedException {
        for (int i = 0; i < 250 && servedOn(path).size() < count; i++) {
            Thread.sleep(20);
        }
        return servedOn(path);
    }

    private static List<ServedDocument> servedOn(String path) {
        return sandbox.sandbox().servedDocuments().stream().filter(document -> document.path().equals(path)).toList();
    }

    private List<CallbackReceiver.Received> received(String path) {
        return receiver.all().stream().filter(call -> call.uri().getPath().equals(path)).toList();
    }

    private ApiResponse control(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return client.exchange(request.build());
    }

    private static void assertExtraFields(JsonNode body) {
        UUID.fromString(body.path("eventId").asText());
        Instant.parse(body.path("createdAt").asText());
    }

    private static List<JsonNode> bodies(List<CallbackReceiver.Received> calls) {
        List<JsonNode> bodies = new ArrayList<>();
        for (CallbackReceiver.Received call : calls) {
            bodies.add(new ApiResponse(200, "application/json", call.body().getBytes(
                    StandardCharsets.UTF_8)).json());
        }
        return bodies;
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A copy without the fields; in an array, each element without them. */
    private static JsonNode without(JsonNode json, String... fields) {
        JsonNode copy = json.deepCopy();
        Iterator<JsonNode> objects = copy.isArray() ? copy.elements() : List.of(copy).iterator();
        objects.forEachRemaining(object -> ((ObjectNode) object).remove(List.of(fields)));
        return copy;
    }

    private static JsonNode with(JsonNode json, String field, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        copy.set(field, value);
        return copy;
    }

    private static ObjectNode error(int code, String message) {
        return JSON.createObjectNode().put("error", code).put("message", message);
    }

    private static ArrayNode names(String... names) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String name : names) {
            array.add(name);
        }
        return array;
    }
}
