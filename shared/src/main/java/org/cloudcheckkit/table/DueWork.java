package org.cloudcheckkit.table;

/**
 * The kinds of work an item can have due, on the sparse DueWork index ({@code work} = the kind, {@code dueAt} = when,
 * in epoch milliseconds). An item carries at most one: the next thing to do with it.
 */
public enum DueWork {
    /** An open Go request or a pending Akahu session, to be compared with Cloudcheck's state. */
    RECONCILE,
    /** Fetching or archiving a result failed; it is tried again at dueAt. */
    RETRY,
    /** A worker holds the result's archive claim until dueAt; past it, the claim is taken over (and counted). */
    ARCHIVE_LEASE,
    /** Attempts ran out; an operator re-drives it. dueAt is when it failed. */
    FAILED,
    /** A results zip Cloudcheck is generating; polled at dueAt. */
    ZIP_POLL,
    /** A write-ahead intent whose Cloudcheck call has not been completed; it turns stale at dueAt. */
    INTENT_OPEN,
    /** An intent still open past its time: counted, shown to its owner, looked at again at dueAt. */
    INTENT_STALE,
    /**
     * An intent adopted after its answer was lost: shown to its owner with what Cloudcheck made (the caller never got
     * that answer) until dueAt, when its Idempotency-Key expires too.
     */
    INTENT_ADOPTED
}
