package org.cloudcheckkit.table;

/** Attribute names of the table's items: written and read only inside this package. */
final class Attr {
    static final String PK = "pk";
    static final String SK = "sk";
    /** GSI ByToken: finds an item from the token a front end holds. */
    static final String TOKEN_KEY = "tokenKey";
    static final String BY_TOKEN_INDEX = "ByToken";
    /** GSI DueWork (sparse): items with work still to do, by when it is due. */
    static final String WORK = "work";
    static final String DUE_AT = "dueAt";
    /** The table's TTL attribute, in epoch seconds. */
    static final String EXPIRES_AT = "expiresAt";
    static final String KIND = "kind";

    static final String GO_API_REFERENCE = "goApiReference";
    static final String RECIPIENT_TOKEN = "recipientToken";
    static final String AKAHU_TOKEN = "akahuToken";
    static final String CALLBACK_ID = "callbackId";
    static final String REFERENCE = "reference";
    static final String OWNER = "owner";
    static final String OWNER_TENANT = "ownerTenant";
    static final String CREATED_AT = "createdAt";
    static final String SOURCE = "source";
    static final String ROSTER = "roster";
    static final String RECIPIENT_COUNT = "recipientCount";
    static final String ADDED_AT = "addedAt";
    static final String REPLACED_BY = "replacedBy";

    static final String STATUS = "status";
    static final String STATUS_RANK = "statusRank";
    static final String STATUS_AT = "statusAt";
    static final String HISTORY = "history";
    static final String AT = "at";
    static final String ARCHIVE_STATE = "archiveState";
    static final String ATTEMPTS = "attempts";
    static final String ARCHIVE_ERROR = "archiveError";
    static final String PDF_KEY = "pdfKey";
    static final String JSON_KEY = "jsonKey";
    static final String PDF_SHA256 = "pdfSha256";
    static final String JSON_SHA256 = "jsonSha256";
    static final String ARCHIVED_AT = "archivedAt";
    static final String LEASE_HOLDER = "leaseHolder";
    static final String VERSION = "version";
    static final String ARCHIVING_VERSION = "archivingVersion";
    static final String VERSIONS = "versions";
    static final String REASON = "reason";
    static final String LEASE_UNTIL = "leaseUntil";

    static final String RECEIVED_AT = "receivedAt";
    static final String HINT = "hint";
    static final String EVENT_TYPE = "eventType";
    static final String REQUEST_TYPE = "requestType";
    static final String PAYLOAD = "payload";

    static final String STATE = "state";
    static final String REQUEST_HASH = "requestHash";
    static final String REPLY_STATUS = "replyStatus";
    static final String REPLY_BODY = "replyBody";

    static final String JOB_TOKEN = "jobToken";
    static final String REQUESTED_AT = "requestedAt";
    static final String COMPLETE = "complete";
    static final String TOTAL = "total";
    static final String REGENERATIONS = "regenerations";
    static final String LAST_ERROR = "lastError";
    static final String ZIP_KEY = "zipKey";
    static final String SHA256 = "sha256";
    static final String SIZE = "size";

    static final String ROUTE = "route";
    static final String PARAMETERS = "parameters";
    static final String REQUEST_ID = "requestId";

    static final String OPERATION = "operation";
    static final String IDEMPOTENCY_KEY = "idempotencyKey";
    static final String COMPLETED_AT = "completedAt";
    static final String OUTCOME = "outcome";

    private Attr() {
    }
}
