package org.cloudcheckkit.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A Cloudcheck error answer: {@code {"error", "message", "fields"?, "errorDetail"?, ...}}. */
public final class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final String fields;
    private final String errorDetail;
    private final Map<String, JsonNode> extraMembers;

    private ApiException(ErrorCode code, String message, String fields, String errorDetail,
                         Map<String, JsonNode> extraMembers) {
        // No stack trace: these are answers, not failures of the sandbox.
        super(message, null, false, false);
        this.code = code;
        this.fields = fields;
        this.errorDetail = errorDetail;
        this.extraMembers = extraMembers;
    }

    public static ApiException of(ErrorCode code) {
        return new ApiException(code, code.message(), null, null, Map.of());
    }

    public static ApiException of(ErrorCode code, String message, Map<String, JsonNode> extraMembers) {
        return new ApiException(code, message, null, null, Map.copyOf(extraMembers));
    }

    /** 102 naming every missing field. */
    public static ApiException missing(Collection<String> fields) {
        return of(ErrorCode.MISSING_FIELD).withFields(fields);
    }

    public static ApiException missing(String... fields) {
        return missing(List.of(fields));
    }

    /** 107 naming the field and saying what is wrong with it. */
    public static ApiException badFormat(String field, String detail) {
        return of(ErrorCode.INVALID_FORMAT).withFields(List.of(field)).withDetail(detail);
    }

    public ApiException withFields(Collection<String> names) {
        return new ApiException(code, getMessage(), String.join(",", names), errorDetail, extraMembers);
    }

    public ApiException withDetail(String detail) {
        return new ApiException(code, getMessage(), fields, detail, extraMembers);
    }

    public ErrorCode code() {
        return code;
    }

    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", code.number());
        body.put("message", getMessage());
        if (fields != null) {
            body.put("fields", fields);
        }
        if (errorDetail != null) {
            body.put("errorDetail", errorDetail);
        }
        extraMembers.forEach(body::set);
        return body;
    }
}
