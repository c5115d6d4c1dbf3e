package org.cloudcheckkit.cloudcheck.go;

import java.util.Optional;

/**
 * /go/result/ for one recipient. {@code rawJson} is the body exactly as Cloudcheck sent it: it is what gets archived,
 * so nothing this model does not know about is lost.
 */
public record GoResult(String recipientToken, String reference, String status, String rawJson) {

    public Optional<RecipientStatus> recipientStatus() {
        return RecipientStatus.fromWire(status);
    }

    @Override
    public String toString() {
        return "GoResult[recipientToken=" + recipientToken + ", status=" + status + "]";
    }
}
