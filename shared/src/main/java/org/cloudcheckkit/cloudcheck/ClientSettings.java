package org.cloudcheckkit.cloudcheck;

import java.net.URI;
import java.time.Duration;
import org.cloudcheckkit.retry.RetryPolicy;

/**
 * How the client talks to Cloudcheck.
 *
 * @param baseUrl       NZ, AU, a custom subdomain or the local sandbox
 * @param connectTimeout per connection attempt
 * @param readTimeout   per read: the longest Cloudcheck may stay silent
 * @param retries       attempts per call and the backoff between them, as far as the deadline allows them
 * @param maxJsonBytes  the largest JSON answer read into memory
 */
public record ClientSettings(URI baseUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retries,
                             int maxJsonBytes) {

    public static ClientSettings defaults(URI baseUrl) {
        return new ClientSettings(baseUrl, Duration.ofSeconds(3), Duration.ofSeconds(20),
                new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5)), 16 * 1024 * 1024);
    }

    public ClientSettings withTimeouts(Duration connect, Duration read) {
        return new ClientSettings(baseUrl, connect, read, retries, maxJsonBytes);
    }

    public ClientSettings withRetries(RetryPolicy policy) {
        return new ClientSettings(baseUrl, connectTimeout, readTimeout, policy, maxJsonBytes);
    }
}
