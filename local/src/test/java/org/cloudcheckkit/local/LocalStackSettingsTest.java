package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalStackSettingsTest {

    @Test
    void defaultsAreTheDocumentedPortsTokenShortTimingsAndLocalhostRedirects() {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of());

        assertEquals(3000, settings.apiPort());
        assertEquals(8790, settings.sandboxPort());
        assertEquals(4566, settings.awsPort());
        assertEquals("local-dev-token", settings.apiToken());
        assertEquals(Duration.ofSeconds(2), settings.scheduleInterval());
        assertEquals(Map.of("RECONCILE_INTERVAL_SECONDS", "2", "ARCHIVE_RETRY_BASE_SECONDS", "1", "ZIP_POLL_SECONDS", "1",
                "ARCHIVE_LEASE_SECONDS", "30", "ALLOW_LOCALHOST_REDIRECTS", "true"),
                settings.functionOverrides());
        assertEquals(Optional.empty(), settings.awsEndpoint());
        assertEquals(Optional.empty(), settings.cloudcheckBaseUrl());
        assertEquals("moto_server", settings.motoCommand());
    }

    @Test
    void parameterOverridesAreNameValuePairsAsSamDeployTakesThem() {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of("PARAMETER_OVERRIDES",
                " CorsAllowedOrigins=http://localhost:5173,https://app.example.nz  ApplicationLogLevel=DEBUG"));

        assertEquals(Map.of("CorsAllowedOrigins", "http://localhost:5173,https://app.example.nz", "ApplicationLogLevel", "DEBUG"),
                settings.parameterOverrides());
        assertEquals(Map.of(), LocalStackSettings.fromEnvironment(Map.of()).parameterOverrides());
        assertThrows(IllegalArgumentException.class,
                () -> LocalStackSettings.fromEnvironment(Map.of("PARAMETER_OVERRIDES", "=x")).parameterOverrides());
    }

    @Test
    void theExamplePagesOriginsAreAllowedUnlessParameterOverridesSetsTheOrigins() {
        assertEquals(Map.of("CorsAllowedOrigins", "http://localhost:5173,http://127.0.0.1:5173"),
                LocalStackSettings.fromEnvironment(Map.of()).parameters());
        assertEquals(Map.of("CorsAllowedOrigins", "https://app.example.nz", "ApplicationLogLevel", "DEBUG"),
                LocalStackSettings.fromEnvironment(Map.of("PARAMETER_OVERRIDES",
                        "CorsAllowedOrigins=https://app.example.nz ApplicationLogLevel=DEBUG")).parameters());
    }

    @Test
    void theEnvironmentWinsOverEveryDefault() {
        LocalStackSettings settings = LocalStackSettings.fromEnvironment(Map.of(
                "LOCAL_API_PORT", "3100", "SANDBOX_PORT", "0", "LOCAL_AWS_PORT", "4600", "LOCAL_API_TOKEN", "secret-token",
                "LOCAL_SCHEDULE_SECONDS", "30", "RECONCILE_INTERVAL_SECONDS", "60", "CALLBACK_BASE_URL", "https://tunnel.example"));

        assertEquals(3100, settings.apiPort());
        assertEquals(0, settings.sandboxPort());
        assertEquals(4600, settings.awsPort());
        assertEquals("secret-token", settings.apiToken());
        assertEquals(Duration.ofSeconds(30), settings.scheduleInterval());
        assertEquals("60", settings.functionOverrides().get("RECONCILE_INTERVAL_SECONDS"));
        assertEquals("https://tunnel.example", settings.functionOverrides().get("CALLBACK_BASE_URL"));
    }

    @Test
    void freePortsForTestsKeepEverythingElse() {
        LocalStackSettings settings = LocalStackSettings.onFreePorts(Map.of("LOCAL_API_TOKEN", "t0ken"));

        assertEquals(0, settings.apiPort() + settings.sandboxPort() + settings.awsPort());
        assertEquals("t0ken", settings.apiToken());
    }

    @Test
    void badValuesAreRefusedByName() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> LocalStackSettings.fromEnvironment(Map.of("LOCAL_API_PORT", "70000")));
        IllegalArgumentException schedule = assertThrows(IllegalArgumentException.class,
                () -> LocalStackSettings.fromEnvironment(Map.of("LOCAL_SCHEDULE_SECONDS", "0")));
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> LocalStackSettings.fromEnvironment(Map.of("SANDBOX_PORT", "http")));

        assertEquals(true, port.getMessage().contains("LOCAL_API_PORT"));
        assertEquals(true, schedule.getMessage().contains("LOCAL_SCHEDULE_SECONDS"));
        assertEquals(true, text.getMessage().contains("SANDBOX_PORT"));
    }

    @Test
    void toStringShowsNoEnvironmentValues() {
        String text = LocalStackSettings.fromEnvironment(Map.of("CLOUDCHECK_API_SECRET", "s3cr3t")).toString();

        assertFalse(text.contains("s3cr3t"), text);
    }
}
