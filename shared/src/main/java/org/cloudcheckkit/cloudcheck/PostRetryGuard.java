package org.cloudcheckkit.cloudcheck;

/**
 * Stops the JDK's HttpURLConnection from silently sending a POST a second time. Left alone, it re-sends a POST
 * whose answer failed to arrive (a dropped connection, a read timeout) once, unseen by its caller: for /go/create/
 * that is a second billed Go request and a second message to every customer. The switch,
 * {@code sun.net.http.retryPost=false}, is read once, when the JDK's HTTP client class first loads, so it is set
 * here - called from static initialisers that run before any connection is opened - and in template.yaml's
 * JAVA_TOOL_OPTIONS as well.
 */
public final class PostRetryGuard {
    private static final String PROPERTY = "sun.net.http.retryPost";

    static {
        System.setProperty(PROPERTY, "false");
    }

    private PostRetryGuard() {
    }

    /** Loads this class, which sets the switch; repeated calls cost nothing. */
    public static void install() {
        // The static initialiser above did the work.
    }

    public static boolean installed() {
        return "false".equals(System.getProperty(PROPERTY));
    }
}
