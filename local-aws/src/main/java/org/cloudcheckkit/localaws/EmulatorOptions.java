package org.cloudcheckkit.localaws;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * Which emulator to use: the one at {@code endpoint} (LocalStack, a running moto...), or else a {@code moto_server}
 * started on {@code port} (0 picks a free one).
 */
public record EmulatorOptions(Optional<URI> endpoint, Region region, int port, Duration startTimeout, String motoCommand) {

    public static final Region DEFAULT_REGION = Region.AP_SOUTHEAST_2;
    /** The port the local stack's moto listens on, the one LocalStack uses too. */
    public static final int LOCAL_STACK_PORT = 4566;

    public EmulatorOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(motoCommand, "motoCommand");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port " + port + " is not 0 (any free port) or a TCP port");
        }
    }

    /** A moto_server on a free port, in ap-southeast-2. */
    public static EmulatorOptions defaults() {
        return new EmulatorOptions(Optional.empty(), DEFAULT_REGION, 0, Duration.ofSeconds(30), "moto_server");
    }

    /**
     * The defaults, with {@code AWS_ENDPOINT_URL} (an emulator to use instead of starting moto) and
     * {@code AWS_REGION} taken from {@code environment} when set.
     */
    public static EmulatorOptions fromEnvironment(Map<String, String> environment) {
        EmulatorOptions options = defaults();
        String endpoint = environment.get("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                options = options.withEndpoint(new URI(endpoint.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("AWS_ENDPOINT_URL is not a URL: " + endpoint, e);
            }
        }
        String region = environment.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            options = options.withRegion(Region.of(region.strip()));
        }
        return options;
    }

    public EmulatorOptions withEndpoint(URI emulatorEndpoint) {
        return new EmulatorOptions(Optional.of(emulatorEndpoint), region, port, startTimeout, motoCommand);
    }

    public EmulatorOptions withRegion(Region newRegion) {
        return new EmulatorOptions(endpoint, newRegion, port, startTimeout, motoCommand);
    }

    public EmulatorOptions withPort(int newPort) {
        return new EmulatorOptions(endpoint, region, newPort, startTimeout, motoCommand);
    }

    public EmulatorOptions withStartTimeout(Duration timeout) {
        return new EmulatorOptions(endpoint, region, port, timeout, motoCommand);
    }

    /** The moto_server executable: a name looked up on PATH, or a path. */
    public EmulatorOptions withMotoCommand(String command) {
        return new EmulatorOptions(endpoint, region, port, startTimeout, command);
    }
}
