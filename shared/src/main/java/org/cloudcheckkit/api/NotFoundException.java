package org.cloudcheckkit.api;

/** What a caller asked for is not known to this service (or not yet there, like an archive still being made). */
public final class NotFoundException extends RuntimeException {
    private final String code;

    public NotFoundException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
