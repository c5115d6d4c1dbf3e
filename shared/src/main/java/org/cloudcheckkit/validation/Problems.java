package org.cloudcheckkit.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a request is walked, so all of them are reported together. */
public final class Problems {
    private final List<Problem> found = new ArrayList<>();

    public void add(String field, String rule, String message) {
        found.add(new Problem(field, rule, message));
    }

    /** What has been found so far, in the order found. */
    public List<Problem> found() {
        return List.copyOf(found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
    }
}
