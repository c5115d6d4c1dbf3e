package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.account.Service;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The standalone command: its options, and the real thing started in its own JVM. */
class SandboxMainTest {

    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void defaultsToPort8790WithThePublicTestCredentials() {
        SandboxConfig config = SandboxMain.configure(new String[0], Map.of(), NOWHERE);

        assertEquals(8790, config.port());
        assertEquals("127.0.0.1", config.host());
        assertEquals(SandboxConfig.defaultCredentials(), config.credentials());
        assertNull(config.accountWebhookUrl());
        assertEquals(Duration.ofSeconds(2), config.pdfJobDelay());
        assertEquals(Set.of(), config.variants());
    }

    @Test
    void variantsComeFromTheOptionOrTheEnvironment() {
        SandboxConfig fromOption = SandboxMain.configure(
                new String[] {"--variants", "result_without_status, akahu-link-as-link"},
                Map.of("SANDBOX_VARIANTS", "ZIP_AS_OCTET_STREAM"), NOWHERE);
        SandboxConfig fromEnvironment = SandboxMain.configure(new String[0],
                Map.of("SANDBOX_VARIANTS", "ZIP_AS_OCTET_STREAM,STALE_ZIP_WITHOUT_CODE"), NOWHERE);

        assertEquals(Set.of(WireVariant.RESULT_WITHOUT_STATUS, WireVariant.AKAHU_LINK_AS_LINK), fromOption.variants());
        assertEquals(Set.of(WireVariant.ZIP_AS_OCTET_STREAM, WireVariant.STALE_ZIP_WITHOUT_CODE),
                fromEnvironment.variants());
    }

    @Test
    void commandLineOptionsWinOverEnvironmentVariables() {
        SandboxConfig config = SandboxMain.configure(
                new String[] {"--port", "0", "--pdf-job-delay=500ms", "--services", "k2=akahu,live;k1=credfin"},
                Map.of("SANDBOX_PORT", "9999",
                        "SANDBOX_HOST", "0.0.0.0",
                        "SANDBOX_CREDENTIALS", "k1:s1,k2:s2:with-colon",
                        "SANDBOX_WEBHOOK_URL", "http://localhost:9000/hook",
                        "SANDBOX_PUBLIC_BASE_URL", "https://sandbox.example.nz/",
                        "SANDBOX_QUIET", "true"),
                NOWHERE);

        assertEquals(0, config.port());
        assertEquals("0.0.0.0", config.host());
        assertEquals(Duration.ofMillis(500), config.pdfJobDelay());
        assertEquals(URI.create("http://localhost:9000/hook"), config.accountWebhookUrl());
        assertEquals("https://sandbox.example.nz/", config.publicBaseUrl());
        assertEquals(List.of(
                new ApiCredential("k1", "s1", Set.of(Service.CREDFIN)),
                new ApiCredential("k2", "s2:with-colon", Set.of(Service.AKAHU, Service.LIVE))), config.credentials());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--colour=blue", "--port=eighty", "--credentials=nosecret", "--services=nobody=live",
            "--services=sandbox-key=telepathy", "--webhook-url=ftp://example.nz", "--pdf-job-delay=soon", "--port", "--variants=NOPE",
            "--variants=ZIP_AS_OCTET_STREAM,ZIP_AS_X_ZIP_COMPRESSED"})
    void refusesBadOptions(String option) {
        assertThrows(IllegalArgumentException.class,
                () -> SandboxMain.configure(new String[] {option}, Map.of(), NOWHERE));
    }

    @Test
    void startsOnItsOwnAnswersAndStopsCleanly() throws Exception {
        try (ChildSandbox child = ChildSandbox.start(List.of(), "--port", "0", "--quiet")) {
            ApiClient client = new ApiClient(child.baseUrl(), SandboxConfig.DEFAULT_KEY, SandboxConfig.DEFAULT_SECRET);

            ApiResponse created = client.post("/go/create/", TestData.createRequest(TestData.recipient("a")));

            assertEquals(200, created.status(), created::toString);
            assertTrue(child.stop(Duration.ofSeconds(10)), "stopped on SIGTERM");
        }
    }
}
