package org.cloudcheckkit.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.account.Service;
import org.cloudcheckkit.sandbox.variant.WireVariant;

/** How to start a {@link CloudcheckSandbox}. Immutable; build with {@link #builder()}. */
public final class SandboxConfig {

    /** The sandbox's public test credentials: verification only. */
    public static final String DEFAULT_KEY = "sandbox-key";
    public static final String DEFAULT_SECRET = "sandbox-secret";
    /** Public test credentials with every service (Live, IDscan, Akahu, Credfin) enabled. */
    public static final String ALL_SERVICES_KEY = "sandbox-key-all";
    public static final String ALL_SERVICES_SECRET = "sandbox-secret-all";

    private final String host;
    private final int port;
    private final List<ApiCredential> credentials;
    private final URI accountWebhookUrl;
    private final Duration pdfJobDelay;
    private final long pdfPaddingBytes;
    private final String publicBaseUrl;
    private final Clock requestClock;
    private final Duration callbackTimeout;
    private final Consumer<String> eventLog;
    private final Set<WireVariant> variants;

    private SandboxConfig(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.credentials = List.copyOf(builder.credentials);
        this.accountWebhookUrl = builder.accountWebhookUrl;
        this.pdfJobDelay = builder.pdfJobDelay;
        this.pdfPaddingBytes = builder.pdfPaddingBytes;
        this.publicBaseUrl = builder.publicBaseUrl;
        this.requestClock = builder.requestClock;
        this.callbackTimeout = builder.callbackTimeout;
        this.eventLog = builder.eventLog;
        this.variants = builder.variants;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loopback, a free port, the default credentials. */
    public static SandboxConfig defaults() {
        return builder().build();
    }

    public static List<ApiCredential> defaultCredentials() {
        return List.of(
                ApiCredential.of(DEFAULT_KEY, DEFAULT_SECRET),
                ApiCredential.of(ALL_SERVICES_KEY, ALL_SERVICES_SECRET, Service.values()));
    }

    public String host() {
        return host;
    }

    /** 0 picks a free port. */
    public int port() {
        return port;
    }

    public List<ApiCredential> credentials() {
        return credentials;
    }

    /** Null when none is configured. */
    public URI accountWebhookUrl() {
        return accountWebhookUrl;
    }

    public Duration pdfJobDelay() {
        return pdfJobDelay;
    }

    public long pdfPaddingBytes() {
        return pdfPaddingBytes;
    }

    /** Null to use the address the sandbox listens on. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    public Clock requestClock() {
        return requestClock;
    }

    public Duration callbackTimeout() {
        return callbackTimeout;
    }

    public Consumer<String> eventLog() {
        return eventLog;
    }

    /** The wire variants served from the start and after every reset; none by default. */
    public Set<WireVariant> variants() {
        return variants;
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private List<ApiCredential> credentials = defaultCredentials();
        private URI accountWebhookUrl;
        private Duration pdfJobDelay = Duration.ofSeconds(2);
        private long pdfPaddingBytes;
        private String publicBaseUrl;
        private Clock requestClock = Clock.systemUTC();
        private Duration callbackTimeout = Duration.ofSeconds(10);
        private Consumer<String> eventLog = event -> { };
        private Set<WireVariant> variants = Set.of();

        private Builder() {
        }

        /** The address to listen on; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /** Default 0: a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 to 65535");
            }
            this.port = port;
            return this;
        }

        /** Replaces the default credentials. */
        public Builder credentials(List<ApiCredential> credentials) {
            Set<String> keys = new HashSet<>();
            for (ApiCredential credential : credentials) {
                if (!keys.add(credential.key())) {
                    throw new IllegalArgumentException("The key " + credential.key() + " is configured twice");
                }
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("At least one credential is needed");
            }
            this.credentials = List.copyOf(credentials);
            return this;
        }

        public Builder credentials(ApiCredential... credentials) {
            return credentials(List.of(credentials));
        }

        /** Where account webhooks (seed 001) are POSTed; none by default. */
        public Builder accountWebhookUrl(URI url) {
            this.accountWebhookUrl = url;
            return this;
        }

        /** How long a pdfs/generate job takes in simulated time; default 2 s. */
        public Builder pdfJobDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("pdfJobDelay must not be negative");
            }
            this.pdfJobDelay = delay;
            return this;
        }

        /** Blank bytes added to every PDF; default 0. */
        public Builder pdfPaddingBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("pdfPaddingBytes must not be negative");
            }
            this.pdfPaddingBytes = bytes;
            return this;
        }

        /** The base of the links handed to customers, when they reach the sandbox by another address. */
        public Builder publicBaseUrl(String url) {
            this.publicBaseUrl = url;
            return this;
        }

        /** The clock request timestamps are checked against (103); default system UTC. */
        public Builder requestClock(Clock clock) {
            this.requestClock = Objects.requireNonNull(clock);
            return this;
        }

        /** How long one callback attempt may take; default 10 s. */
        public Builder callbackTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("callbackTimeout must be positive");
            }
            this.callbackTimeout = timeout;
            return this;
        }

        /** Receives one line per API call and callback delivery; silent by default. */
        public Builder eventLog(Consumer<String> eventLog) {
            this.eventLog = Objects.requireNonNull(eventLog);
            return this;
        }

        /**
         * Answer in these other plausible shapes (WIRE.md) instead of the pinned guesses; none by default.
         *
         * @throws IllegalArgumentException when two of them answer the same thing differently
         */
        public Builder variants(Collection<WireVariant> variants) {
            this.variants = WireVariant.checked(variants);
            return this;
        }

        public Builder variants(WireVariant... variants) {
            return variants(List.of(variants));
        }

        public SandboxConfig build() {
            return new SandboxConfig(this);
        }
    }
}
