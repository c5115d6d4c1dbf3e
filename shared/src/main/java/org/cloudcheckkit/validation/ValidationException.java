package org.cloudcheckkit.validation;

import java.util.List;

/** A request was refused before anything was called or written; it lists every problem found, not just the first. */
public final class ValidationException extends RuntimeException {
    private final List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(problems.size() == 1 ? "1 problem in the request" : problems.size() + " problems in the request");
        this.problems = List.copyOf(problems);
    }

    public static ValidationException of(String field, String rule, String message) {
        return new ValidationException(List.of(new Problem(field, rule, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
