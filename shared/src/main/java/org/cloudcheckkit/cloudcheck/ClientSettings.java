package org.cloudcheckkit.cloudcheck;

import java.net.URI;
import java.time.Duration;

/**
 * How the client talks to Cloudcheck.
 *
 * @param baseUrl       NZ, AU, a custom subdomain or the local sandbox
 * @param connectTimeout per connection attempt
 * @param readTimeout   per read: the longest Cloudcheck may stay silent
 * @param maxAttempts   attempts per call, first included, when the deadline allows them
 * @param backoffBase   the first backoff ceiling; it doubles per attempt
 * @param backoffMax    the largest backoff ceiling
 * @param maxJsonBytes  the largest JSON answer read into memory
 */
public record ClientSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, int maxAttempts,
                             Duration backoffBase, Duration backoffMax, int maxJsonBytes) {

    public static ClientSettings defaults(URI baseUrl) {
        return new ClientSettings(baseUrl, Duration.ofSeconds(3), Duration.ofSeconds(20), 4,
                Duration.ofMillis(200), Duration.ofSeconds(5), 16 * 1024 * 1024);
    }

    public ClientSettings withTimeouts(Duration connect, Duration read) {
        return new ClientSettings(baseUrl, connect, read, maxAttempts, backoffBase, backoffMax, maxJsonBytes);
    }

    public ClientSettings withRetries(int attempts, Duration base, Duration max) {
        return new ClientSettings(baseUrl, connectTimeout, readTimeout, attempts, base, max, maxJsonBytes);
    }
}
