package org.cloudcheckkit.sandbox.callback;

import java.time.Instant;

/**
 * One delivery attempt, or a callback dropped on purpose.
 *
 * @param sequence order in which attempts finished
 * @param status   the HTTP status the target answered, or 0 when there was no answer
 * @param error    why there was no answer (connection refused, timeout, dropped by a fault), or null
 * @param fault    the callback fault that shaped this delivery (DROP, DUPLICATE, DELAY, REORDER), or null
 */
public record CallbackDelivery(long sequence, Instant at, CallbackKind kind, String method, String url, String body,
                               int status, String error, String fault) {
}
