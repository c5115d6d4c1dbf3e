package org.cloudcheckkit.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where Cloudcheck may send a customer when it is done with them (Go's completeUrl, Akahu's callback): https on a host
 * the organisation listed, never anywhere a caller says - the customer's browser arrives there with a result token in
 * the URL. Locally (./run), http://localhost and http://127.0.0.1 on any port as well.
 */
public final class RedirectTargets {
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private final Set<String> hosts;
    private final boolean localhostAllowed;

    /**
     * @param hosts            the hosts allowed (ALLOWED_REDIRECT_HOSTS)
     * @param defaults         URLs configured as defaults (their hosts are allowed too); null or blank ones are skipped
     * @param localhostAllowed whether http(s)://localhost and 127.0.0.1 are allowed (local runs only)
     */
    public RedirectTargets(Set<String> hosts, List<String> defaults, boolean localhostAllowed) {
        this.hosts = Stream.concat(hosts.stream(), defaults.stream().filter(url -> url != null && !url.isBlank())
                        .map(RedirectTargets::hostOf))
                .filter(host -> host != null && !host.isBlank())
                .map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.localhostAllowed = localhostAllowed;
    }

    public boolean allows(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getUserInfo() != null) {
            return false;
        }
        if (localhostAllowed && LOCAL_HOSTS.contains(host) && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            return true;
        }
        return "https".equals(uri.getScheme()) && hosts.contains(host);
    }

    /** For a problem message: which hosts are allowed. */
    public String describe() {
        String listed = hosts.isEmpty() ? "none is listed (AllowedRedirectHosts)" : "one of " + hosts.stream().sorted().toList();
        return "https on a host the service allows: " + listed + (localhostAllowed ? ", or http://localhost" : "");
    }

    private static String hostOf(String url) {
        try {
            return new URI(url).getHost();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
