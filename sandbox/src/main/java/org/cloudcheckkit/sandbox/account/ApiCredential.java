package org.cloudcheckkit.sandbox.account;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One API key/secret pair the sandbox accepts, with the services enabled for its account.
 * Verification is always enabled.
 */
public record ApiCredential(String key, String secret, Set<Service> services) {

    public ApiCredential {
        requireToken(key, "key");
        requireToken(secret, "secret");
        EnumSet<Service> enabled = EnumSet.of(Service.VERIFICATION);
        enabled.addAll(Objects.requireNonNull(services, "services"));
        services = Collections.unmodifiableSet(enabled);
    }

    public static ApiCredential of(String key, String secret, Service... services) {
        return new ApiCredential(key, secret, Set.of(services));
    }

    public boolean allows(Service service) {
        return services.contains(service);
    }

    /** Never prints the secret: configurations and credentials end up in test reports and console output. */
    @Override
    public String toString() {
        return "ApiCredential[key=" + key + ", services="
                + services.stream().map(Service::wireName).collect(Collectors.joining(",")) + "]";
    }

    private static void requireToken(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An API " + what + " must not be blank");
        }
    }
}
