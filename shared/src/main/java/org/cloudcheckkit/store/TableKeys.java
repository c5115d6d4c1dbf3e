package org.cloudcheckkit.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The single table's key layout, in one place. Items of one Go request share its partition, so the request, its
 * recipients and its events are read with one query.
 *
 * <pre>
 * pk                         sk                        what
 * GO#{goApiReference}        REQUEST                   reference, created, recipient roster, callback id
 * GO#{goApiReference}        RECIPIENT#{token}         status, history, archive state   (tokenKey GO#{token})
 * GO#{goApiReference}        EVENT#{token}#{status}    a callback or reconciliation, recorded once
 * GO#{goApiReference}        ZIP                       the results zip job
 * AKAHU#{callbackId}         SESSION                   token, status, history, archive  (tokenKey AKAHU#{token})
 * AKAHU#{callbackId}         EVENT#...                 a notification or webhook, recorded once
 * WEBHOOK#{requestType}      EVENT#...                 an account webhook, recorded once
 * IDEMPOTENCY#{scope}#{key}  IDEMPOTENCY               a front end's Idempotency-Key and its response
 * INVOICE#{invoiceId}        INVOICE / DEVICE          a card verification (device data expires)
 * ACCESS_TOKEN#{sha256}      BINDING                   card verification: the token's device (hash), no raw token
 * </pre>
 */
public final class TableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** GSI ByToken: finds an item from the token a front end holds. */
    public static final String TOKEN_KEY = "tokenKey";
    /** GSI DueWork (sparse): items with work still to do, by when it is due. */
    public static final String WORK = "work";
    public static final String DUE_AT = "dueAt";
    /** The table's TTL attribute, in epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";

    public static final String BY_TOKEN_INDEX = "ByToken";
    public static final String DUE_WORK_INDEX = "DueWork";

    public static final String REQUEST = "REQUEST";
    public static final String SESSION = "SESSION";
    public static final String ZIP = "ZIP";
    public static final String RECIPIENT_PREFIX = "RECIPIENT#";
    public static final String EVENT_PREFIX = "EVENT#";

    private TableKeys() {
    }

    public static String goPartition(String goApiReference) {
        return "GO#" + goApiReference;
    }

    public static String akahuPartition(String callbackId) {
        return "AKAHU#" + callbackId;
    }

    public static String goTokenKey(String recipientToken) {
        return "GO#" + recipientToken;
    }

    public static String akahuTokenKey(String akahuToken) {
        return "AKAHU#" + akahuToken;
    }

    public static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
