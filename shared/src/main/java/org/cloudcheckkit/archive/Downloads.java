package org.cloudcheckkit.archive;

import java.time.Clock;
import java.time.Duration;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.ResultItem;

/** Short-lived links to archived PDFs, given only once a result is archived. */
public final class Downloads {
    private final Access access;
    private final GoRequests goRequests;
    private final AkahuSessions sessions;
    private final ArchiveStore archive;
    private final Clock clock;
    private final Duration validity;

    public Downloads(Access access, GoRequests goRequests, AkahuSessions sessions, ArchiveStore archive, Clock clock, Duration validity) {
        this.access = access;
        this.goRequests = goRequests;
        this.sessions = sessions;
        this.archive = archive;
        this.clock = clock;
        this.validity = validity;
    }

    /** A download link: where, until when, and the SHA-256 the downloaded bytes must have. */
    public record Link(String url, String expiresAt, String sha256, String archivedAt, String key) {
    }

    /** A recipient's archived PDF: only its owner's (or an admin's) to fetch; another's is not found. */
    public Link goRecipientPdf(String recipientToken, Caller caller) {
        ResultItem recipient = goRequests.recipientByToken(recipientToken).orElse(null);
        access.require(caller.principal(), recipient == null ? null : recipient.owner(), "RECIPIENT_NOT_FOUND",
                "no recipient " + recipientToken + " was added through this service");
        return link(recipient.archive(), "recipient " + recipientToken + " (status " + recipient.status() + ")");
    }

    public Link akahuPdf(String token, Caller caller) {
        AkahuSessionItem session = sessions.findByToken(token).orElse(null);
        access.require(caller.principal(), session == null ? null : session.owner(), "AKAHU_SESSION_NOT_FOUND",
                "no Akahu session " + token + " was started through this service");
        return link(session.result().archive(), "Akahu session " + token + " (status " + session.result().status() + ")");
    }

    private Link link(ArchiveState archived, String what) {
        if (archived == null || !archived.isArchived()) {
            throw new NotFoundException("NOT_ARCHIVED_YET", what + " is not archived yet: nothing is archived until its "
                    + "status is final" + (archived == null ? "" : "; archive " + archived.describe()));
        }
        return new Link(archive.presignedUrl(archived.pdfKey(), validity), clock.instant().plus(validity).toString(),
                archived.pdfSha256(), archived.archivedAt(), archived.pdfKey());
    }
}
