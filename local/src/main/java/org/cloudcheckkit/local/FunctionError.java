package org.cloudcheckkit.local;

/**
 * A handler threw: what Lambda reports as a function error ({@code X-Amz-Function-Error: Unhandled}). The cause is
 * kept for the log; {@link #payload()} is the JSON Lambda's Invoke API returns in its place.
 */
final class FunctionError extends Exception {

    private final String functionId;

    FunctionError(String functionId, Throwable cause) {
        super(functionId + " failed: " + cause, cause);
        this.functionId = functionId;
    }

    String functionId() {
        return functionId;
    }

    /** {@code {"errorMessage", "errorType"}}, as the Java runtime reports an uncaught exception. */
    String payload() {
        return Json.write(Json.object()
                .put("errorMessage", String.valueOf(getCause().getMessage()))
                .put("errorType", getCause().getClass().getName()));
    }
}
