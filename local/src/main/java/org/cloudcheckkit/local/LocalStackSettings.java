package org.cloudcheckkit.local;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.localaws.TemplateLocation;

/**
 * How to run the local stack, read from environment variables. {@link #fromEnvironment} gives ./run's fixed ports;
 * {@link #onFreePorts} the same settings with every port chosen by the system, for tests.
 *
 * @param apiPort            the local HTTP API's port (LOCAL_API_PORT, default 3000)
 * @param sandboxPort        the Cloudcheck sandbox's port (SANDBOX_PORT, default 8790)
 * @param awsPort            the port of the moto_server started here (LOCAL_AWS_PORT, default 4566)
 * @param apiToken           the bearer token front-end routes accept instead of a JWT (LOCAL_API_TOKEN)
 * @param scheduleInterval   how often scheduled functions run locally (LOCAL_SCHEDULE_SECONDS, default 2)
 * @param functionOverrides  variables given to every function over its template environment: short local timings,
 *                           and CALLBACK_BASE_URL when the user sets one
 * @param environment        the whole environment, for the emulator and the secrets' seeds
 */
public record LocalStackSettings(int apiPort, int sandboxPort, int awsPort, String apiToken, Duration scheduleInterval,
                                 Map<String, String> functionOverrides, Map<String, String> environment, Path template) {

    public static final int DEFAULT_API_PORT = 3000;
    public static final int DEFAULT_SANDBOX_PORT = 8790;
    public static final int DEFAULT_AWS_PORT = 4566;
    public static final String DEFAULT_API_TOKEN = "local-dev-token";
    public static final Duration DEFAULT_SCHEDULE_INTERVAL = Duration.ofSeconds(2);

    /**
     * Deployed, these wait minutes; locally a result should be retried, reconciled and zipped while you watch, and a
     * front end may run on localhost. The user's environment wins over each.
     */
    static final Map<String, String> LOCAL_TIMINGS = orderedMap(
            "RECONCILE_INTERVAL_SECONDS", "2",
            "ARCHIVE_RETRY_BASE_SECONDS", "1",
            "ZIP_POLL_SECONDS", "1",
            "ARCHIVE_LEASE_SECONDS", "30",
            // A front end tried locally runs on localhost: Cloudcheck may send its customers back there.
            "ALLOW_LOCALHOST_REDIRECTS", "true");

    /** Variables passed from the user's environment to every function when set. */
    private static final List<String> PASSED_TO_FUNCTIONS = List.of("CALLBACK_BASE_URL");

    public LocalStackSettings {
        requirePort("LOCAL_API_PORT", apiPort);
        requirePort("SANDBOX_PORT", sandboxPort);
        requirePort("LOCAL_AWS_PORT", awsPort);
        if (apiToken.isBlank()) {
            throw new IllegalArgumentException("LOCAL_API_TOKEN must not be blank");
        }
        if (scheduleInterval.isNegative() || scheduleInterval.isZero()) {
            throw new IllegalArgumentException("LOCAL_SCHEDULE_SECONDS must be at least 1");
        }
        functionOverrides = Map.copyOf(functionOverrides);
        environment = Map.copyOf(environment);
    }

    /** ./run's settings: the documented ports and defaults, each replaced by its variable when set. */
    public static LocalStackSettings fromEnvironment(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        LOCAL_TIMINGS.forEach((name, fallback) -> overrides.put(name, value(environment, name).orElse(fallback)));
        PASSED_TO_FUNCTIONS.forEach(name -> value(environment, name).ifPresent(set -> overrides.put(name, set)));
        Path template = TemplateLocation.find(Optional.ofNullable(System.getProperty(TemplateLocation.PROPERTY)), Path.of(""));
        return new LocalStackSettings(
                port(environment, "LOCAL_API_PORT", DEFAULT_API_PORT),
                port(environment, "SANDBOX_PORT", DEFAULT_SANDBOX_PORT),
                port(environment, "LOCAL_AWS_PORT", DEFAULT_AWS_PORT),
                value(environment, "LOCAL_API_TOKEN").orElse(DEFAULT_API_TOKEN),
                Duration.ofSeconds(number(environment, "LOCAL_SCHEDULE_SECONDS", DEFAULT_SCHEDULE_INTERVAL.toSeconds())),
                overrides, environment, template);
    }

    /** The settings {@code environment} gives, with every port chosen free: tests run beside ./run and each other. */
    public static LocalStackSettings onFreePorts(Map<String, String> environment) {
        return fromEnvironment(environment).withPorts(0, 0, 0);
    }

    public LocalStackSettings withPorts(int api, int sandbox, int aws) {
        return new LocalStackSettings(api, sandbox, aws, apiToken, scheduleInterval, functionOverrides, environment, template);
    }

    /** An emulator to use instead of starting moto_server (AWS_ENDPOINT_URL: LocalStack, a moto you run...). */
    public Optional<URI> awsEndpoint() {
        return value(environment, "AWS_ENDPOINT_URL").map(URI::create);
    }

    /** A real or other Cloudcheck to call instead of starting the sandbox (CLOUDCHECK_BASE_URL). */
    public Optional<String> cloudcheckBaseUrl() {
        return value(environment, "CLOUDCHECK_BASE_URL");
    }

    /** The moto_server executable (MOTO_SERVER; ./run sets it when pip put moto_server off PATH). */
    public String motoCommand() {
        return value(environment, "MOTO_SERVER").orElse("moto_server");
    }

    /**
     * The example front end's origins ({@code examples/web}, served by Vite on port 5173): allowed locally, so that the
     * page works against ./run with no setting, unless PARAMETER_OVERRIDES gives CorsAllowedOrigins.
     */
    static final String EXAMPLE_PAGE_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173";

    /** The template parameters the local stack sets: the example page's origins, then {@link #parameterOverrides}. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("CorsAllowedOrigins", EXAMPLE_PAGE_ORIGINS);
        parameters.putAll(parameterOverrides());
        return parameters;
    }

    /**
     * Template parameters given other values locally (PARAMETER_OVERRIDES, written as sam deploy's --parameter-overrides:
     * {@code Name=value} pairs separated by spaces), such as a front end's origin:
     * {@code CorsAllowedOrigins=http://localhost:5173}.
     */
    public Map<String, String> parameterOverrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : value(environment, "PARAMETER_OVERRIDES").map(text -> text.split("\\s+")).orElse(new String[0])) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("PARAMETER_OVERRIDES takes Name=value pairs separated by spaces, not " + pair);
            }
            overrides.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return overrides;
    }

    /** Base URL the sandbox's journey links use, when a browser reaches the sandbox by another address. */
    public Optional<String> sandboxPublicBaseUrl() {
        return value(environment, "SANDBOX_PUBLIC_BASE_URL");
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int port(Map<String, String> environment, String name, int fallback) {
        long port = number(environment, name, fallback);
        if (port > 65_535) {
            throw new IllegalArgumentException(name + " must be a TCP port (0 to 65535), not " + port);
        }
        return (int) port;
    }

    private static long number(Map<String, String> environment, String name, long fallback) {
        Optional<String> text = value(environment, name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(text.get());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, not " + text.get(), e);
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or a TCP port, not " + port);
        }
    }

    private static Map<String, String> orderedMap(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Names what is set, never the environment's values: it holds the API keys. */
    @Override
    public String toString() {
        return "LocalStackSettings[api=" + apiPort + ", sandbox=" + sandboxPort + ", aws=" + awsPort + ", template=" + template + "]";
    }
}
