package org.cloudcheckkit.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who the local API's bearer tokens stand for, in place of the JWTs an identity provider would issue: an
 * administrator (the admin scope) and two ordinary users by default, and any more LOCAL_API_TOKENS lists as
 * {@code token=subject[:scope scope...],...}.
 */
final class LocalPrincipals {
    static final String USER_A_TOKEN = "local-user-a";
    static final String USER_B_TOKEN = "local-user-b";

    /** One token and the principal it stands for. */
    record LocalPrincipal(String token, String subject, List<String> scopes) {
        LocalPrincipal {
            scopes = List.copyOf(scopes);
        }

        boolean hasScope(String scope) {
            return scopes.contains(scope);
        }

        /** Names the subject only: the token is a credential. */
        @Override
        public String toString() {
            return "LocalPrincipal[" + subject + " " + scopes + "]";
        }
    }

    private final List<LocalPrincipal> principals;

    private LocalPrincipals(List<LocalPrincipal> principals) {
        this.principals = List.copyOf(principals);
    }

    /**
     * @param adminToken the administrator's token (LOCAL_API_TOKEN), subject {@code local-dev}
     * @param more       LOCAL_API_TOKENS, or empty
     * @param adminScope the scope that makes a principal an administrator (the template's AdminScope)
     */
    static LocalPrincipals of(String adminToken, String more, String adminScope) {
        List<LocalPrincipal> principals = new ArrayList<>();
        principals.add(new LocalPrincipal(adminToken, "local-dev", List.of(adminScope)));
        principals.add(new LocalPrincipal(USER_A_TOKEN, "user-a", List.of()));
        principals.add(new LocalPrincipal(USER_B_TOKEN, "user-b", List.of()));
        for (String entry : more.split(",")) {
            if (!entry.isBlank()) {
                principals.add(parse(entry.strip()));
            }
        }
        return new LocalPrincipals(principals);
    }

    private static LocalPrincipal parse(String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || equals == entry.length() - 1) {
            throw new IllegalArgumentException("LOCAL_API_TOKENS entries are token=subject[:scope scope...]; one is not");
        }
        String token = entry.substring(0, equals);
        String principal = entry.substring(equals + 1);
        int colon = principal.indexOf(':');
        String subject = colon < 0 ? principal : principal.substring(0, colon);
        List<String> scopes = colon < 0 ? List.of() : Arrays.stream(principal.substring(colon + 1).split(" "))
                .filter(scope -> !scope.isBlank()).toList();
        if (subject.isBlank()) {
            throw new IllegalArgumentException("LOCAL_API_TOKENS: a token needs a subject");
        }
        return new LocalPrincipal(token, subject, scopes);
    }

    /**
     * The principal an {@code Authorization: Bearer ...} header stands for. Every token is compared in constant
     * time, and all of them each time: how much of a wrong token is right must not show in how long the answer takes.
     */
    Optional<LocalPrincipal> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        LocalPrincipal found = null;
        for (LocalPrincipal principal : principals) {
            if (MessageDigest.isEqual(principal.token().getBytes(StandardCharsets.UTF_8), presented) && found == null) {
                found = principal;
            }
        }
        return Optional.ofNullable(found);
    }

    List<LocalPrincipal> all() {
        return principals;
    }
}
