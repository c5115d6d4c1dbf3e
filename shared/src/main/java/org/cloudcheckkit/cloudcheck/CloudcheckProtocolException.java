package org.cloudcheckkit.cloudcheck;

import java.util.List;

/** Cloudcheck answered with something this client cannot read: malformed JSON, or a "PDF" that is not one. */
public final class CloudcheckProtocolException extends CloudcheckException {

    public CloudcheckProtocolException(String path, String message, Throwable cause) {
        super(path, "PROTOCOL", message, List.of(), List.of(), cause);
    }
}
