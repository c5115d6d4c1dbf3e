package org.cloudcheckkit.cloudcheck.akahu;

import java.util.Optional;

/** /akahu/result/. {@code rawJson} is the body as Cloudcheck sent it, kept whole for the archive. */
public record AkahuResult(String token, String reference, String status, String rawJson) {

    public Optional<AkahuStatus> akahuStatus() {
        return AkahuStatus.fromWire(status);
    }

    @Override
    public String toString() {
        return "AkahuResult[token=" + token + ", status=" + status + "]";
    }
}
