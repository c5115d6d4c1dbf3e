package org.cloudcheckkit.sandbox.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * One Cloudcheck API operation.
 *
 * @param subjectParameter the parameter required besides key, nonce, timestamp and signature:
 *                         {@code data} for POST, {@code token} or {@code goApiReference} for GET
 * @param returnsDocument  true when success is a PDF or zip rather than JSON
 */
public record ApiEndpoint(String method, String path, String subjectParameter, boolean returnsDocument,
                          Function<ApiCall, ApiResponse> operation) {

    public static final String DATA = "data";

    public ApiEndpoint {
        Objects.requireNonNull(method);
        Objects.requireNonNull(path);
        Objects.requireNonNull(subjectParameter);
        Objects.requireNonNull(operation);
    }

    public static ApiEndpoint post(String path, Function<ApiCall, ApiResponse> operation) {
        return new ApiEndpoint("POST", path, DATA, false, operation);
    }

    public static ApiEndpoint get(String path, String parameter, Function<ApiCall, ApiResponse> operation) {
        return new ApiEndpoint("GET", path, parameter, false, operation);
    }

    public static ApiEndpoint getDocument(String path, String parameter, Function<ApiCall, ApiResponse> operation) {
        return new ApiEndpoint("GET", path, parameter, true, operation);
    }

    public boolean carriesData() {
        return DATA.equals(subjectParameter);
    }
}
