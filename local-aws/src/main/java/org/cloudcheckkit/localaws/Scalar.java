package org.cloudcheckkit.localaws;

import java.util.Optional;

/** CloudFormation passes every scalar to a service as text, whatever YAML type it was written as. */
final class Scalar {

    private Scalar() {
    }

    /** The text of a string, number or boolean; empty for anything else (a list, a map, null). */
    static Optional<String> text(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }
}
