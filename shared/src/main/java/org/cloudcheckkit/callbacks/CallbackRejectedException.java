package org.cloudcheckkit.callbacks;

/** A call to a callback or webhook route that did not prove it came from a URL we gave out: 401 without a token, 403 with a wrong one. */
public final class CallbackRejectedException extends RuntimeException {
    private final int status;

    public CallbackRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
