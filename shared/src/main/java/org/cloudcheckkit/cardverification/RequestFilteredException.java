package org.cloudcheckkit.cardverification;

/** The request is well formed but refused by policy (cause FILTERED): a deny list or the access token's binding. */
public final class RequestFilteredException extends RuntimeException {
    public static final String DENIED_IP = "DENIED_IP";
    public static final String DENIED_DEVICE = "DENIED_DEVICE";
    public static final String TOKEN_NOT_BOUND_TO_DEVICE = "TOKEN_NOT_BOUND_TO_DEVICE";

    private final String code;

    public RequestFilteredException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
