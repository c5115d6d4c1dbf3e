package org.cloudcheckkit.crash;

/**
 * The named points where a process can die with work half done. Each is a line after a write (or a call) and before
 * the next: what the state is there, and what recovers it, is in the crash-point table of docs/archiving.md; the
 * crash-point suite kills a flow at each of them.
 */
public enum CrashPoint {
    INTENT_RECORDED("billable call: intent recorded, Cloudcheck not yet called"),
    CLOUDCHECK_ANSWERED("billable call: Cloudcheck answered, what it made not yet recorded"),
    CALL_RECORDED("billable call: recorded, the Idempotency-Key not yet completed"),
    CALLBACK_AUTHENTICATED("callback receipt: authenticated, event not yet recorded"),
    CALLBACK_RECORDED("callback receipt: event recorded, not yet answered"),
    RESULT_STATUS_RECORDED("archiving: final status recorded, archive not yet claimed"),
    ARCHIVE_CLAIMED("archiving: claim held, nothing written"),
    ARCHIVE_JSON_WRITTEN("archiving: result JSON written, PDF not yet"),
    UPLOAD_PART_WRITTEN("archiving: a multipart upload has a part, not completed"),
    UPLOAD_COMPLETED_UNTAGGED("archiving: multipart upload completed, its sha256 tag not yet set"),
    ARCHIVE_WRITTEN("archiving: PDF and JSON written, not yet marked archived"),
    ZIP_JOB_RECORDED("results zip: job recorded, Cloudcheck's job not yet started"),
    ZIP_WRITTEN("results zip: zip written, job not yet marked archived");

    private final String description;

    CrashPoint(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
