package org.cloudcheckkit.config;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A function's configuration, read once from its environment (the process environment in Lambda, a map in tests
 * and the local stack). Nothing deeper in the code reads the environment. A setting a function needs but lacks is
 * reported by name when first asked for.
 */
public final class Settings {
    private final Map<String, String> environment;

    private Settings(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static Settings from(Map<String, String> environment) {
        return new Settings(environment);
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String tableName() {
        return required("TABLE_NAME");
    }

    public String archiveBucket() {
        return required("ARCHIVE_BUCKET");
    }

    public String cloudcheckRegion() {
        return optional("CLOUDCHECK_REGION", "NZ");
    }

    public String cloudcheckBaseUrl() {
        return optional("CLOUDCHECK_BASE_URL", "");
    }

    public String cloudcheckSecretId() {
        return required("CLOUDCHECK_SECRET_ID");
    }

    public String callbackSecretId() {
        return required("CALLBACK_SECRET_ID");
    }

    /** The account webhook's token; only the receipt function has it. */
    public String webhookSecretId() {
        return required("WEBHOOK_SECRET_ID");
    }

    public String connectingPartySecretId() {
        return required("CONNECTING_PARTY_SECRET_ID");
    }

    /** How long a secret is kept before it is fetched again. */
    public Duration secretCacheTime() {
        return Duration.ofSeconds(number("SECRET_CACHE_SECONDS", 300));
    }

    public Duration cloudcheckConnectTimeout() {
        return Duration.ofMillis(number("CLOUDCHECK_CONNECT_TIMEOUT_MS", 3_000));
    }

    public Duration cloudcheckReadTimeout() {
        return Duration.ofMillis(number("CLOUDCHECK_READ_TIMEOUT_MS", 20_000));
    }

    /**
     * Where Cloudcheck should call us back. Empty means: derive it from the API request that is being served
     * (its domain name and stage), which is right unless callbacks must reach a different domain.
     */
    public String callbackBaseUrl() {
        String value = optional("CALLBACK_BASE_URL", "");
        if (!value.isEmpty()) {
            requireHttpUrl("CALLBACK_BASE_URL", value);
        }
        return value;
    }

    /** Where a Go recipient lands after verifying, when the caller gives no completeUrl. */
    public String defaultCompleteUrl() {
        return optional("DEFAULT_COMPLETE_URL", "");
    }

    /** Where an Akahu customer is sent back to, when the caller gives no callback. */
    public String defaultAkahuCallbackUrl() {
        return optional("DEFAULT_AKAHU_CALLBACK_URL", "");
    }

    /**
     * The additional measures (live, idscan, akahu, credfin) enabled on the Cloudcheck account; verification is always
     * available. Asking for another is refused before Cloudcheck is called, as Cloudcheck would refuse it.
     */
    public Set<String> enabledServices() {
        return list("CLOUDCHECK_SERVICES", "verification").stream().map(String::toLowerCase).collect(Collectors.toSet());
    }

    public Duration idempotencyTime() {
        return Duration.ofHours(number("IDEMPOTENCY_HOURS", 24));
    }

    public Duration presignedUrlTime() {
        return Duration.ofSeconds(number("PRESIGNED_URL_SECONDS", 300));
    }

    public int archiveMaxAttempts() {
        return (int) number("ARCHIVE_MAX_ATTEMPTS", 8);
    }

    /** The first retry delay of a failed archive; it doubles per attempt. */
    public Duration archiveRetryBase() {
        return Duration.ofSeconds(number("ARCHIVE_RETRY_BASE_SECONDS", 60));
    }

    /**
     * How long a worker holds its claim on an archive before another may take it over (the reconciler does, once it
     * runs out): longer than any one fetch and upload of a result, or two workers could archive it.
     */
    public Duration archiveLease() {
        return Duration.ofSeconds(atLeastOne("ARCHIVE_LEASE_SECONDS", 300));
    }

    /** How often an open Go request or a pending Akahu session is checked with Cloudcheck. */
    public Duration reconcileInterval() {
        return Duration.ofSeconds(number("RECONCILE_INTERVAL_SECONDS", 900));
    }

    /** How long an open Go request is reconciled before it is left (its links have long expired by then). */
    public Duration reconcileGiveUp() {
        return Duration.ofDays(number("RECONCILE_MAX_DAYS", 60));
    }

    /** Hosts a request's completeUrl or Akahu callback may send the customer to (https only). */
    public Set<String> allowedRedirectHosts() {
        return Set.copyOf(list("ALLOWED_REDIRECT_HOSTS", ""));
    }

    /** Local runs only: http(s)://localhost and 127.0.0.1 on any port are allowed redirect targets too. */
    public boolean localhostRedirectsAllowed() {
        return "true".equalsIgnoreCase(optional("ALLOW_LOCALHOST_REDIRECTS", "false"));
    }

    /** The JWT scope that lets a principal act on every item (of its tenant), not only its own. */
    public String adminScope() {
        return optional("ADMIN_SCOPE", "cloudcheck/admin");
    }

    /** The JWT claim naming a principal's tenant; empty when tenants are off. */
    public String tenantClaim() {
        return optional("TENANT_CLAIM", "");
    }

    /** How long a billable call's intent may stay open before it is counted as stale and shown to its owner. */
    public Duration intentStaleAfter() {
        return Duration.ofSeconds(number("INTENT_STALE_SECONDS", 300));
    }

    /** The function's name (Lambda sets it), as the dimension of its metrics. */
    public String functionName() {
        return optional("AWS_LAMBDA_FUNCTION_NAME", "local");
    }

    /** The CloudFormation stack the function belongs to (the template sets it), as the dimension of its metrics' totals. */
    public String stackName() {
        return optional("STACK_NAME", "local");
    }

    /** How often a results zip that is still being generated is polled. */
    public Duration zipPollInterval() {
        return Duration.ofSeconds(number("ZIP_POLL_SECONDS", 300));
    }

    public List<String> deniedIpAddresses() {
        return list("DENIED_IP_ADDRESSES", "");
    }

    public List<String> deniedSerialNumbers() {
        return list("DENIED_SERIAL_NUMBERS", "");
    }

    /**
     * Card verification binds each access token to its first device unless TOKEN_BINDING is exactly "false" (in any
     * case): a missing variable must not silently switch the check off, and a misspelt value stops the function.
     */
    public boolean tokenBinding() {
        String value = optional("TOKEN_BINDING", "true");
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalStateException("environment variable TOKEN_BINDING must be true or false");
    }

    /** How long a card verification's IP addresses and IMEI are kept. */
    public Duration deviceDataTime() {
        return Duration.ofHours(number("DEVICE_DATA_HOURS", 72));
    }

    /** New card verification sessions one device (serial number) may start per clock hour; 0: no limit. */
    public long maxSessionsPerDevicePerHour() {
        return number("MAX_SESSIONS_PER_DEVICE_PER_HOUR", 10);
    }

    /**
     * New card verification sessions one caller address (the source IP API Gateway saw) may start per clock hour; 0:
     * no limit. Mobile carriers put many phones behind one address, hence more than per device.
     */
    public long maxSessionsPerIpPerHour() {
        return number("MAX_SESSIONS_PER_IP_PER_HOUR", 100);
    }

    /** How long a card verification's invoice is kept. */
    public Duration invoiceTime() {
        return Duration.ofDays(atLeastOne("INVOICE_DAYS", 90));
    }

    /** How long an access token stays bound to its device after its last use. */
    public Duration bindingTime() {
        return Duration.ofDays(atLeastOne("BINDING_DAYS", 90));
    }

    public String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.strip();
    }

    public String optional(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private long number(String name, long fallback) {
        String value = optional(name, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value);
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " must be a whole number >= 0");
        }
    }

    private long atLeastOne(String name, long fallback) {
        long number = number(name, fallback);
        if (number == 0) {
            throw new IllegalStateException("environment variable " + name + " must be at least 1");
        }
        return number;
    }

    private List<String> list(String name, String fallback) {
        return Arrays.stream(optional(name, fallback).split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static void requireHttpUrl(String name, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variable " + name + " is not a URL");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalStateException("environment variable " + name + " must be an http(s) URL");
        }
    }

    @Override
    public String toString() {
        return "Settings" + environment.keySet();
    }
}
