package org.cloudcheckkit.sandbox.callback;

import java.time.Duration;
import java.util.Objects;

/**
 * Misbehaviour for the next {@code count} callbacks, whatever their kind or target.
 *
 * @param copies how many times DUPLICATE delivers each callback (at least 2); 1 otherwise
 * @param delay  how long DELAY holds each callback; zero otherwise
 */
public record CallbackFault(Kind kind, int count, int copies, Duration delay) {

    public enum Kind {
        /** Never delivered; recorded as dropped. */
        DROP,
        /** Delivered {@code copies} times. */
        DUPLICATE,
        /** Delivered after {@code delay}; later callbacks to the same target overtake it. */
        DELAY,
        /** Held until {@code count} have gathered, then delivered newest first. */
        REORDER
    }

    public CallbackFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if ((kind == Kind.DUPLICATE) != (copies >= 2) || copies < 1) {
            throw new IllegalArgumentException("DUPLICATE needs copies of at least 2; other faults take no copies");
        }
        if ((kind == Kind.DELAY) != (delay.compareTo(Duration.ZERO) > 0)) {
            throw new IllegalArgumentException("DELAY needs a positive delay; other faults take no delay");
        }
        if (kind == Kind.REORDER && count < 2) {
            throw new IllegalArgumentException("REORDER needs a count of at least 2");
        }
    }

    public static CallbackFault drop(int count) {
        return new CallbackFault(Kind.DROP, count, 1, Duration.ZERO);
    }

    public static CallbackFault duplicate(int count, int copies) {
        return new CallbackFault(Kind.DUPLICATE, count, copies, Duration.ZERO);
    }

    public static CallbackFault delay(int count, Duration delay) {
        return new CallbackFault(Kind.DELAY, count, 1, delay);
    }

    public static CallbackFault reorder(int count) {
        return new CallbackFault(Kind.REORDER, count, 1, Duration.ZERO);
    }
}
