package org.cloudcheckkit.cloudcheck;

import java.net.URI;

/** The two Cloudcheck services; a custom subdomain or the local sandbox is given as an explicit base URL instead. */
public enum CloudcheckRegion {
    NZ("https://api.cloudcheck.co.nz"),
    AU("https://api.cloudcheck.com.au");

    private final URI baseUrl;

    CloudcheckRegion(String baseUrl) {
        this.baseUrl = URI.create(baseUrl);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The explicit URL when one is configured, else the region's. */
    public static URI baseUrl(String region, String explicitBaseUrl) {
        if (explicitBaseUrl != null && !explicitBaseUrl.isBlank()) {
            URI uri = URI.create(explicitBaseUrl.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new IllegalArgumentException("CLOUDCHECK_BASE_URL must be an http(s) URL");
            }
            return uri;
        }
        return of(region).baseUrl();
    }

    /**
     * The region named by CLOUDCHECK_REGION, NZ when none is. It also says which country's customers the account
     * verifies, so it holds with a custom subdomain too.
     */
    public static CloudcheckRegion of(String region) {
        return valueOf(region == null || region.isBlank() ? "NZ" : region.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
