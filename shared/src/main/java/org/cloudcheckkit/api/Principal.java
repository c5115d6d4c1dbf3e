package org.cloudcheckkit.api;

import java.util.Set;

/**
 * Who is calling a front-end route, as the API's JWT authorizer vouches for it: the token's subject, its tenant (the
 * claim the {@code TenantClaim} parameter names, when tenants are on) and its scopes.
 */
public record Principal(String subject, String tenant, Set<String> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    /** What an item made for this principal records as its owner. */
    public Owner owner() {
        return new Owner(subject, tenant);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
