package org.cloudcheckkit.cloudcheck.akahu;

import java.util.List;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.SectionError;

/**
 * /akahu/result/. {@code rawJson} is the body as Cloudcheck sent it, kept whole for the archive.
 *
 * @param token         the token the answer names, or else the one it was asked for
 * @param sectionErrors errors one level down, in a section of an answer that is otherwise a result
 */
public record AkahuResult(String token, String reference, String status, String rawJson, List<SectionError> sectionErrors) {

    public AkahuResult {
        sectionErrors = List.copyOf(sectionErrors);
    }

    public Optional<AkahuStatus> akahuStatus() {
        return AkahuStatus.fromWire(status);
    }

    @Override
    public String toString() {
        return "AkahuResult[token=" + token + ", status=" + status + ", sectionErrors=" + sectionErrors + "]";
    }
}
