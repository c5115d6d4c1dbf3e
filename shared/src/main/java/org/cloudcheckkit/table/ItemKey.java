package org.cloudcheckkit.table;

/**
 * The single table's key layout, in one place: every key is built and parsed here. Items of one Go request share
 * its partition, so the request, its recipients, its events and its zip jobs are read with one query.
 *
 * <pre>
 * pk                         sk                                 what
 * GO#{goApiReference}        REQUEST                            reference, created, owner, roster, callback id
 * GO#{goApiReference}        RECIPIENT#{token}                  status, history, archive   (tokenKey GO#{token})
 * GO#{goApiReference}        EVENT#{token}#{status}             a callback or reconciliation, recorded once
 * GO#{goApiReference}        ZIP                                the current results zip job
 * GO#{goApiReference}        ZIP#ARCHIVED#{archivedAt}#{job}    a results zip archived earlier (kept)
 * GO#{goApiReference}        INTENT#{intentId}                  an add-recipient call about to be made
 * AKAHU#{callbackId}         SESSION                            token, status, history, archive (tokenKey AKAHU#{token})
 * AKAHU#{callbackId}         EVENT#...                          a notification or webhook, recorded once
 * WEBHOOK#{requestType}      EVENT#...                          an account webhook, recorded once
 * INTENT#{callbackId}        INTENT                             a create, quick send or Akahu initiate about to be made
 * IDEMPOTENCY#{key}          IDEMPOTENCY                        a front end's Idempotency-Key and its answer
 * AUDIT#{yyyy-MM-dd}         {time}#{requestId}#{random}        a front-end call: who, which route, what it named
 * </pre>
 *
 * Card verification keeps its own items (INVOICE#, ACCESS_TOKEN#) in {@code cardverification.InvoiceStore}.
 */
public sealed interface ItemKey {
    String GO = "GO#";
    String AKAHU = "AKAHU#";
    String WEBHOOK = "WEBHOOK#";
    String INTENT = "INTENT#";
    String IDEMPOTENCY = "IDEMPOTENCY#";
    String EVENT = "EVENT#";
    String RECIPIENT = "RECIPIENT#";
    String ARCHIVED_ZIP = "ZIP#ARCHIVED#";
    String AUDIT = "AUDIT#";

    String pk();

    String sk();

    /** A key read back from the table (a stream record, an index entry) as the type it is. */
    static ItemKey parse(String pk, String sk) {
        if (pk.startsWith(GO)) {
            String goApiReference = pk.substring(GO.length());
            if (sk.equals(GoRequest.SK)) {
                return new GoRequest(goApiReference);
            }
            if (sk.startsWith(RECIPIENT)) {
                return new Recipient(goApiReference, sk.substring(RECIPIENT.length()));
            }
            if (sk.equals(ZipJob.SK)) {
                return new ZipJob(goApiReference);
            }
            if (sk.startsWith(ARCHIVED_ZIP)) {
                return new ArchivedZip(goApiReference, sk.substring(ARCHIVED_ZIP.length()));
            }
            if (sk.startsWith(INTENT)) {
                return new Intent(pk, sk);
            }
        } else if (pk.startsWith(AKAHU) && sk.equals(AkahuSession.SK)) {
            return new AkahuSession(pk.substring(AKAHU.length()));
        } else if (pk.startsWith(INTENT)) {
            return new Intent(pk, sk);
        } else if (pk.startsWith(AUDIT)) {
            return new Audit(pk, sk);
        } else if (pk.startsWith(IDEMPOTENCY)) {
            return new Idempotency(pk.substring(IDEMPOTENCY.length()));
        }
        return sk.startsWith(EVENT) ? new Event(pk, sk) : new Other(pk, sk);
    }

    /** What a result belongs to, and where its status and archive are kept: a Go recipient or an Akahu session. */
    sealed interface ResultKey extends ItemKey permits Recipient, AkahuSession {
    }

    record GoRequest(String goApiReference) implements ItemKey {
        static final String SK = "REQUEST";

        public String pk() {
            return GO + goApiReference;
        }

        public String sk() {
            return SK;
        }
    }

    record Recipient(String goApiReference, String recipientToken) implements ResultKey {
        public String pk() {
            return GO + goApiReference;
        }

        public String sk() {
            return RECIPIENT + recipientToken;
        }

        /** The ByToken index's key: a front end holds only the token. */
        static String tokenKey(String recipientToken) {
            return GO + recipientToken;
        }
    }

    record AkahuSession(String callbackId) implements ResultKey {
        static final String SK = "SESSION";

        public String pk() {
            return AKAHU + callbackId;
        }

        public String sk() {
            return SK;
        }

        static String tokenKey(String akahuToken) {
            return AKAHU + akahuToken;
        }
    }

    record ZipJob(String goApiReference) implements ItemKey {
        static final String SK = "ZIP";

        public String pk() {
            return GO + goApiReference;
        }

        public String sk() {
            return SK;
        }
    }

    /** {@code archive} is {archivedAt}#{jobToken}: newest sorts last, so a backward query lists newest first. */
    record ArchivedZip(String goApiReference, String archive) implements ItemKey {
        static ArchivedZip of(String goApiReference, String archivedAt, String jobToken) {
            return new ArchivedZip(goApiReference, archivedAt + "#" + jobToken);
        }

        public String pk() {
            return GO + goApiReference;
        }

        public String sk() {
            return ARCHIVED_ZIP + archive;
        }
    }

    /** A write-ahead intent: its own partition for calls that make something new, the request's for an added recipient. */
    record Intent(String pk, String sk) implements ItemKey {
        static final String SK = "INTENT";

        static Intent standalone(String intentId) {
            return new Intent(INTENT + intentId, SK);
        }

        static Intent ofRequest(String goApiReference, String intentId) {
            return new Intent(GO + goApiReference, INTENT + intentId);
        }

        public String intentId() {
            return pk.startsWith(INTENT) ? pk.substring(INTENT.length()) : sk.substring(INTENT.length());
        }
    }

    record Event(String pk, String sk) implements ItemKey {
        static Event ofGo(String goApiReference, String recipientToken, String status) {
            return new Event(GO + goApiReference, EVENT + recipientToken + "#" + status);
        }

        /** An account webhook about a Go recipient, in its request's partition. */
        static Event ofGoAccountWebhook(String goApiReference, String name) {
            return new Event(GO + goApiReference, EVENT + "ACCOUNT#" + name);
        }

        static Event ofAkahu(String callbackId, String name) {
            return new Event(AKAHU + callbackId, EVENT + name);
        }

        static Event ofAccountWebhook(String requestType, String name) {
            return new Event(WEBHOOK + requestType, EVENT + name);
        }
    }

    /** One key for every caller and route: the same key used for anything else is refused, never replayed. */
    record Idempotency(String key) implements ItemKey {
        static final String SK = "IDEMPOTENCY";

        public String pk() {
            return IDEMPOTENCY + key;
        }

        public String sk() {
            return SK;
        }
    }

    /** One front-end call in its day's audit partition. */
    record Audit(String pk, String sk) implements ItemKey {
        static Audit of(String day, String entry) {
            return new Audit(AUDIT + day, entry);
        }
    }

    /** Any other item: read as it is, never acted on. */
    record Other(String pk, String sk) implements ItemKey {
    }
}
