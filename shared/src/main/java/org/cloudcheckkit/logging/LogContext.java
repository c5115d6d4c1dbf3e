package org.cloudcheckkit.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.secrets.Redact;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.RecordedEvent;
import org.slf4j.MDC;

/**
 * What every log line says about the work in hand besides its message, kept in SLF4J's MDC: the Lambda request id and
 * the business keys - goApiReference, callbackId, the caller's principal, and a recipient's or an Akahu session's
 * token only as its short hash ({@link Redact#token}: a token reads its result at Cloudcheck). No personal data. A handler opens one {@link #invocation} per Lambda invocation, which clears
 * everything when it closes; a piece of work inside it (one stream record, one reconciler item) adds its own keys with
 * {@link #about} and removes them when done.
 */
public final class LogContext {
    public static final String REQUEST_ID = "requestId";
    public static final String PRINCIPAL = "principal";
    public static final String GO_API_REFERENCE = "goApiReference";
    public static final String RECIPIENT_TOKEN_HASH = "recipientTokenHash";
    public static final String CALLBACK_ID = "callbackId";
    public static final String AKAHU_TOKEN_HASH = "akahuTokenHash";

    /** Keys in force until {@link #close()}. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private LogContext() {
    }

    /** One Lambda invocation: its request id and keys; closing it clears the MDC, so nothing leaks into the next. */
    public static Scope invocation(String requestId, Map<String, String> keys) {
        MDC.clear();
        put(REQUEST_ID, requestId);
        keys.forEach(LogContext::put);
        return MDC::clear;
    }

    /** The keys of one stored item, until the scope closes. */
    public static Scope about(ItemKey key) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (key instanceof ItemKey.Recipient recipient) {
            keys.put(GO_API_REFERENCE, recipient.goApiReference());
            keys.put(RECIPIENT_TOKEN_HASH, Redact.token(recipient.recipientToken()));
        } else if (key instanceof ItemKey.GoRequest request) {
            keys.put(GO_API_REFERENCE, request.goApiReference());
        } else if (key instanceof ItemKey.ZipJob zip) {
            keys.put(GO_API_REFERENCE, zip.goApiReference());
        } else if (key instanceof ItemKey.AkahuSession session) {
            keys.put(CALLBACK_ID, session.callbackId());
        }
        return with(keys);
    }

    /** The keys of one recorded callback or webhook, until the scope closes. */
    public static Scope about(RecordedEvent event) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (event instanceof RecordedEvent.GoCallback go) {
            keys.put(GO_API_REFERENCE, go.goApiReference());
            keys.put(RECIPIENT_TOKEN_HASH, Redact.token(go.recipientToken()));
        }
        keys.put(CALLBACK_ID, event.callbackId());
        return with(keys);
    }

    private static Scope with(Map<String, String> keys) {
        keys.forEach(LogContext::put);
        return () -> keys.keySet().forEach(MDC::remove);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }
}
