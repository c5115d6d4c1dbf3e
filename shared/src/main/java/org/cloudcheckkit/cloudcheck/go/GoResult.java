package org.cloudcheckkit.cloudcheck.go;

import java.util.List;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.SectionError;

/**
 * /go/result/ for one recipient. {@code rawJson} is the body exactly as Cloudcheck sent it: it is what gets archived,
 * so nothing this model does not know about is lost.
 *
 * @param recipientToken the token the answer names, or else the one it was asked for
 * @param status         the recipient's status when the answer carries one, else null: seed 000 lists statuses for
 *                       /go/results/ and promises none here, so a missing one is derived elsewhere, not refused
 * @param sectionErrors  errors one level down, in a section of an answer that is otherwise a result
 */
public record GoResult(String recipientToken, String reference, String status, String rawJson,
                       List<SectionError> sectionErrors) {

    public GoResult {
        sectionErrors = List.copyOf(sectionErrors);
    }

    /** The status, when there is one and this service knows it. */
    public Optional<RecipientStatus> recipientStatus() {
        return RecipientStatus.fromWire(status);
    }

    @Override
    public String toString() {
        return "GoResult[recipientToken=" + recipientToken + ", status=" + status + ", sectionErrors=" + sectionErrors + "]";
    }
}
