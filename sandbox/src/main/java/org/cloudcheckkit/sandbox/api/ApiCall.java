package org.cloudcheckkit.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.account.Service;

/** An authenticated API call: who made it and what it carried. */
public final class ApiCall {

    private final ApiCredential credential;
    private final FormParameters parameters;
    private final ObjectNode data;

    ApiCall(ApiCredential credential, FormParameters parameters, ObjectNode data) {
        this.credential = credential;
        this.parameters = parameters;
        this.data = data;
    }

    public String key() {
        return credential.key();
    }

    public ApiCredential credential() {
        return credential;
    }

    /** A query parameter of a GET call (token or goApiReference); authentication has checked it is present. */
    public String parameter(String name) {
        return parameters.value(name);
    }

    /** The parsed {@code data} of a POST call. */
    public RequestData data() {
        if (data == null) {
            throw new IllegalStateException("Only POST endpoints carry data");
        }
        return new RequestData(data);
    }

    /** 108 unless the account has the service enabled. */
    public void requireService(Service service) {
        if (!credential.allows(service)) {
            throw ApiException.of(ErrorCode.NO_PERMISSION)
                    .withDetail(service.wireName() + " is not enabled for this API key");
        }
    }
}
