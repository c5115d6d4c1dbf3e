package org.cloudcheckkit.signing;

import java.util.Collections;
import java.util.Map;

/**
 * The parameters of one signed attempt, {@code signature} included, in the order they are sent.
 * Holds request data, which may be personal: it is for the wire, not for logs, so {@link #toString()} names only
 * the path and the parameter names.
 */
public record SignedRequest(String path, Map<String, String> parameters) {

    public SignedRequest {
        parameters = Collections.unmodifiableMap(parameters);
    }

    public String signature() {
        return parameters.get(RequestSigner.SIGNATURE);
    }

    @Override
    public String toString() {
        return "SignedRequest[path=" + path + ", parameters=" + parameters.keySet() + "]";
    }
}
