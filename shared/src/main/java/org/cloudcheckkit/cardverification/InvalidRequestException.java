package org.cloudcheckkit.cardverification;

import java.util.List;

/**
 * The request breaks the seed's rules (cause INVALID_REQUEST). Holds every problem found, in the validator's
 * documented order; the first is the one the seed's single code and message report.
 */
public final class InvalidRequestException extends RuntimeException {
    private final List<RequestProblem> problems;

    public InvalidRequestException(List<RequestProblem> problems) {
        super(firstOf(problems).message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    private static RequestProblem firstOf(List<RequestProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one problem");
        }
        return problems.get(0);
    }

    public RequestProblem first() {
        return problems.get(0);
    }

    public List<RequestProblem> problems() {
        return problems;
    }
}
