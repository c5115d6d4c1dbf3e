package org.cloudcheckkit.cloudcheck;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.signing.ApiCredentials;
import org.cloudcheckkit.signing.NonceSource;
import org.cloudcheckkit.signing.RequestSigner;

/** Clients pointed at a sandbox, with backoff that records its waits instead of sleeping through them. */
final class SandboxClients {
    static final ApiCredentials SANDBOX = new ApiCredentials("sandbox-key", "sandbox-secret");
    static final ApiCredentials ALL_SERVICES = new ApiCredentials("sandbox-key-all", "sandbox-secret-all");

    final List<Duration> waits = new ArrayList<>();

    CloudcheckClient client(String baseUrl, CredentialsSource credentials) {
        return client(ClientSettings.defaults(URI.create(baseUrl)), credentials);
    }

    CloudcheckClient client(ClientSettings settings, CredentialsSource credentials) {
        return new CloudcheckClient(settings, new RequestSigner(Clock.systemUTC(), NonceSource.secureRandom()),
                credentials, new SplittableRandom(7), waits::add, Metrics.NONE);
    }

    static Deadline seconds(long seconds) {
        return Deadline.after(Duration.ofSeconds(seconds), Clock.systemUTC());
    }

    /** Credentials whose first answer is stale, as after a rotation; counts refreshes. */
    static final class RotatedCredentials implements CredentialsSource {
        private final ApiCredentials stale;
        private final ApiCredentials fresh;
        int refreshes;

        RotatedCredentials(ApiCredentials stale, ApiCredentials fresh) {
            this.stale = stale;
            this.fresh = fresh;
        }

        @Override
        public ApiCredentials current() {
            return refreshes == 0 ? stale : fresh;
        }

        @Override
        public ApiCredentials refreshed() {
            refreshes++;
            return fresh;
        }
    }
}
