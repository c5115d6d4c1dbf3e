package org.cloudcheckkit.localaws;

/** The template cannot be read, or a value in it cannot be given a local meaning. The message says where and why. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
