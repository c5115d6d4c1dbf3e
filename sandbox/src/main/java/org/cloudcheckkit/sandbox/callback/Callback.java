package org.cloudcheckkit.sandbox.callback;

import java.net.URI;
import java.util.Objects;

/**
 * A call the sandbox makes to a customer's URL.
 *
 * @param body the JSON body of a POST; null for a GET
 */
public record Callback(CallbackKind kind, String method, URI url, String body) {

    public Callback {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
    }

    public static Callback get(CallbackKind kind, URI url) {
        return new Callback(kind, "GET", url, null);
    }

    public static Callback postJson(CallbackKind kind, URI url, String json) {
        return new Callback(kind, "POST", url, Objects.requireNonNull(json));
    }

    /** Scheme, host and port: callbacks to one target are delivered one at a time, in order. */
    String target() {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}
