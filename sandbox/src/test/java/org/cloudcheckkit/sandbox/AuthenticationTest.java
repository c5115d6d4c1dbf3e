package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Seed 001's authentication, call by call: each row is a signed or mis-signed request and the code it earns. */
class AuthenticationTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private static final String CREATE = "/go/create/";
    private static final String RESULTS = "/go/results/";
    private static final long MINUTE = 60_000;

    /** Sends one request with the default key's client and the all-services key's client at hand. */
    private interface Call extends BiFunction<ApiClient, ApiClient, ApiResponse> {
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                row("correctly signed create", 0, null, 200, (client, other) ->
                        client.post(CREATE, TestData.createRequest(TestData.recipient("a")))),
                row("upper-case hex signature", 0, null, 200, (client, other) -> {
                    Map<String, String> signed = client.signed(CREATE, client.parameters("data",
                            TestData.createRequest(TestData.recipient("a")).toString()));
                    signed.put("signature", signed.get("signature").toUpperCase());
                    return client.send("POST", CREATE, signed);
                }),
                row("timestamp 50 s ahead is within the window", 105, null, 404, (client, other) ->
                        client.send("GET", RESULTS, client.signed(RESULTS,
                                withTimestamp(client.parameters("goApiReference", "nope"), 50_000)))),
                row("unknown key", 101, null, 401, (client, other) -> {
                    ApiClient stranger = new ApiClient(sandbox.baseUrl(), "who-is-this", "whatever");
                    return stranger.post(CREATE, "{}");
                }),
                row("unknown key is reported before a bad timestamp", 101, null, 401, (client, other) -> {
                    ApiClient stranger = new ApiClient(sandbox.baseUrl(), "who-is-this", "whatever");
                    return stranger.send("POST", CREATE, stranger.signed(CREATE,
                            withTimestamp(stranger.parameters("data", "{}"), -60 * MINUTE)));
                }),
                // Seed 001: "101 Access key is missing or incorrect."; 102 is for the other required fields.
                row("missing key", 101, null, 401, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.remove("key");
                    return client.send("POST", CREATE, client.signed(CREATE, parameters));
                }),
                row("empty key", 101, null, 401, (client, other) -> {
                    Map<String, String> parameters = client.parameters("goApiReference", "x");
                    parameters.put("key", "");
                    return client.send("GET", RESULTS, client.signed(RESULTS, parameters));
                }),
                row("missing key is reported after the other missing fields", 102, "nonce", 400, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.remove("key");
                    parameters.remove("nonce");
                    return client.send("POST", CREATE, client.signed(CREATE, parameters));
                }),
                row("missing data", 102, "data", 400, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.remove("data");
                    return client.send("POST", CREATE, client.signed(CREATE, parameters));
                }),
                row("empty nonce and no signature", 102, "nonce,signature", 400, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.put("nonce", "");
                    return client.send("POST", CREATE, parameters);
                }),
                row("GET without its goApiReference", 102, "goApiReference", 400, (client, other) -> {
                    Map<String, String> parameters = client.parameters("goApiReference", "x");
                    parameters.remove("goApiReference");
                    return client.send("GET", RESULTS, client.signed(RESULTS, parameters));
                }),
                row("POST that is not a form has no fields", 102, "nonce,timestamp,signature,data", 400,
                        (client, other) -> client.exchange(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + CREATE))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"sandbox-key\"}"))
                                .build())),
                row("timestamp six minutes old", 103, null, 401, (client, other) ->
                        client.send("POST", CREATE, client.signed(CREATE,
                                withTimestamp(client.parameters("data", "{}"), -6 * MINUTE)))),
                row("timestamp two minutes ahead", 103, null, 401, (client, other) ->
                        client.send("POST", CREATE, client.signed(CREATE,
                                withTimestamp(client.parameters("data", "{}"), 2 * MINUTE)))),
                row("timestamp in seconds, not milliseconds", 103, null, 401, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.put("timestamp", String.valueOf(System.currentTimeMillis() / 1000));
                    return client.send("POST", CREATE, client.signed(CREATE, parameters));
                }),
                row("nonce used twice", 104, null, 401, (client, other) -> {
                    Map<String, String> signed = client.signed(RESULTS, client.parameters("goApiReference", "x"));
                    client.send("GET", RESULTS, signed);
                    return client.send("GET", RESULTS, signed);
                }),
                row("unknown goApiReference", 105, null, 404, (client, other) ->
                        client.get(RESULTS, "goApiReference", "no-such-request")),
                row("another key's recipient token", 105, null, 404, (client, other) -> {
                    String token = other.postOk(CREATE, TestData.createRequest(TestData.recipient("a")))
                            .path("recipients").path(0).path("recipientToken").asText();
                    return client.get("/go/result/", "token", token);
                }),
                row("signed with the wrong secret", 106, null, 401, (client, other) ->
                        new ApiClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_KEY, "not-the-secret").post(CREATE, "{}")),
                row("signed for another path", 106, null, 401, (client, other) ->
                        client.send("POST", CREATE, client.signed("/go/send/", client.parameters("data", "{}")))),
                row("data changed after signing", 106, null, 401, (client, other) -> {
                    Map<String, String> signed = client.signed(CREATE, client.parameters("data", "{}"));
                    signed.put("data", "{\"recipients\":[]}");
                    return client.send("POST", CREATE, signed);
                }),
                row("signature over URL-encoded values", 106, null, 401, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{\"reference\":\"a b\"}");
                    Map<String, String> encodedForSigning = Map.of("key", parameters.get("key"),
                            "nonce", parameters.get("nonce"), "timestamp", parameters.get("timestamp"),
                            "data", "%7B%22reference%22%3A%22a+b%22%7D");
                    parameters.put("signature", TestSigner.sign(SandboxConfig.DEFAULT_SECRET, CREATE, encodedForSigning));
                    return client.send("POST", CREATE, parameters);
                }),
                row("signature that is not hex", 106, null, 401, (client, other) -> {
                    Map<String, String> signed = client.signed(CREATE, client.parameters("data", "{}"));
                    signed.put("signature", "zz" + signed.get("signature").substring(2));
                    return client.send("POST", CREATE, signed);
                }),
                row("malformed JSON in data", 107, "data", 400, (client, other) -> client.post(CREATE, "{\"recipients\":")),
                row("data that is an array", 107, "data", 400, (client, other) -> client.post(CREATE, "[]")),
                row("data with trailing garbage", 107, "data", 400, (client, other) -> client.post(CREATE, "{} {}")),
                row("non-numeric timestamp", 107, "timestamp", 400, (client, other) -> {
                    Map<String, String> parameters = client.parameters("data", "{}");
                    parameters.put("timestamp", "yesterday");
                    return client.send("POST", CREATE, client.signed(CREATE, parameters));
                }),
                row("a parameter given twice", 107, "nonce", 400, (client, other) -> {
                    String form = ApiClient.form(client.signed(CREATE, client.parameters("data", "{}")));
                    return client.postForm(CREATE, form + "&nonce=again");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answersWithTheExpectedCode(String name, int error, String fields, int httpStatus, Call call) {
        ApiResponse response = call.apply(ApiClient.forDefaultKey(sandbox.sandbox()),
                ApiClient.forAllServicesKey(sandbox.sandbox()));

        assertEquals(httpStatus, response.status(), response::toString);
        assertEquals(error, response.error(), response::toString);
        if (error != 0) {
            assertEquals("application/json; charset=utf-8", response.contentType());
            assertEquals(fields, response.json().path("fields").textValue(), response::toString);
            assertFalse(response.json().path("message").asText().isEmpty());
        }
    }

    @Test
    void aForgedCallDoesNotUseUpTheNonce() {
        ApiClient client = ApiClient.forDefaultKey(sandbox.sandbox());
        Map<String, String> parameters = client.parameters("data",
                TestData.createRequest(TestData.recipient("a")).toString());
        Map<String, String> forged = new LinkedHashMap<>(parameters);
        forged.put("signature", TestSigner.sign("guessed-secret", CREATE, parameters));

        assertEquals(106, client.send("POST", CREATE, forged).error());
        assertEquals(200, client.send("POST", CREATE, client.signed(CREATE, parameters)).status());
    }

    @Test
    void unknownPathsAndWrongMethodsAreNotCloudcheckCalls() {
        ApiClient client = ApiClient.forDefaultKey(sandbox.sandbox());

        ApiResponse unknown = client.post("/go/create", "{}");
        ApiResponse wrongMethod = client.get(CREATE, "data", "{}");

        assertEquals(404, unknown.status());
        assertEquals(405, wrongMethod.status());
        assertNull(wrongMethod.json().get("error"));
    }

    /**
     * A vector computed outside Java:
     * <pre>
     * s='/go/send/data={"goApiReference":"g1"};key=sandbox-key;nonce=n1;timestamp=1700000000000;'
     * printf '%s' "$s" | openssl dgst -sha256 -hmac "sandbox-secret"
     * </pre>
     * The sandbox's request clock is fixed one second later, so the signature is all that can fail; it passes, and the
     * call reaches the endpoint, which does not know g1 (105).
     */
    @Test
    void acceptsASignatureComputedWithOpenssl() {
        String vector = "4c916319a4c38d01c1becfec3e4d89c47a4c794750b9aaeac5fb8a9116f30bbb";
        assertEquals(vector, TestSigner.sign("sandbox-secret", "/go/send/", Map.of("key", "sandbox-key",
                "nonce", "n1", "timestamp", "1700000000000", "data", "{\"goApiReference\":\"g1\"}")));
        SandboxConfig config = SandboxConfig.builder()
                .requestClock(Clock.fixed(Instant.ofEpochMilli(1_700_000_001_000L), ZoneOffset.UTC))
                .build();
        try (CloudcheckSandbox fixed = CloudcheckSandbox.start(config)) {
            ApiClient client = ApiClient.forDefaultKey(fixed);
            Map<String, String> call = new LinkedHashMap<>();
            call.put("key", "sandbox-key");
            call.put("nonce", "n1");
            call.put("timestamp", "1700000000000");
            call.put("data", "{\"goApiReference\":\"g1\"}");
            call.put("signature", vector);

            assertEquals(105, client.send("POST", "/go/send/", call).error());
        }
    }

    /**
     * Values are signed decoded: a space sent as '+', a non-ASCII character as UTF-8 percent escapes.
     * <pre>
     * s='/go/result/key=k;nonce=n√é;timestamp=1700000000000;token=a b+c;'
     * printf '%s' "$s" | openssl dgst -sha256 -hmac "s"
     * </pre>
     */
    @Test
    void signsDecodedValues() {
        SandboxConfig config = SandboxConfig.builder()
                .requestClock(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC))
                .credentials(ApiCredential.of("k", "s"))
                .build();
        try (CloudcheckSandbox fixed = CloudcheckSandbox.start(config)) {
            ApiResponse response = new ApiClient(fixed.baseUrl(), "k", "s").exchange(HttpRequest.newBuilder(
                    URI.create(fixed.baseUrl() + "/go/result/?key=k&nonce=n%E2%88%9A%C3%A9&timestamp=1700000000000"
                            + "&token=a+b%2Bc&signature=84e5f49de58d12edcf132e039ca2e81a6e9a2b7c5194bcafaa735cdb906ca6df"))
                    .GET().build());

            assertEquals(105, response.error(), response::toString);
        }
    }

    private static Map<String, String> withTimestamp(Map<String, String> parameters, long offsetMillis) {
        parameters.put("timestamp", String.valueOf(System.currentTimeMillis() + offsetMillis));
        return parameters;
    }

    private static Arguments row(String name, int error, String fields, int httpStatus, Call call) {
        return Arguments.of(name, error, fields, httpStatus, call);
    }
}
