package org.cloudcheckkit.archive;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.ArchivedVersion;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.ResultItem;

/** Short-lived links to archived PDFs - the latest version and every earlier one - given once a result is archived. */
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

    /**
     * A download link: where, until when, and the SHA-256 the downloaded bytes must have; which version of the
     * evidence it is and why it was written; and - for the latest - links to every earlier version, newest first.
     */
    public record Link(String url, String expiresAt, String sha256, String archivedAt, String key, int version,
                       String reason, List<Link> earlierVersions) {
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
        if (archived == null || !archived.hasArchivedVersion()) {
            throw new NotFoundException("NOT_ARCHIVED_YET", what + " is not archived yet: nothing is archived until its "
                    + "status is final" + (archived == null ? "" : "; archive " + archived.describe()));
        }
        // The latest version written is given even while a newer one is being written.
        List<Link> earlier = archived.versions().stream()
                .filter(version -> version.version() < archived.version())
                .sorted(Comparator.comparingInt(ArchivedVersion::version).reversed())
                .map(version -> link(version.pdfKey(), version.pdfSha256(), version.archivedAt(), version.version(),
                        version.reason(), List.of()))
                .toList();
        String reason = archived.versions().stream().filter(version -> version.version() == archived.version())
                .map(ArchivedVersion::reason).findFirst().orElse(null);
        return link(archived.pdfKey(), archived.pdfSha256(), archived.archivedAt(), archived.version(), reason, earlier);
    }

    private Link link(String pdfKey, String sha256, String archivedAt, int version, String reason, List<Link> earlier) {
        return new Link(archive.presignedUrl(pdfKey, validity), clock.instant().plus(validity).toString(), sha256,
                archivedAt, pdfKey, version, reason, earlier);
    }
}
