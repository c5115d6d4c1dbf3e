package org.cloudcheckkit.logging.provider;

import java.util.Locale;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * How the functions log, from the two variables Lambda sets when a function has a LoggingConfig: AWS_LAMBDA_LOG_FORMAT
 * (JSON or Text) and AWS_LAMBDA_LOG_LEVEL (its ApplicationLogLevel). Without them - tests, a developer's machine - lines
 * are plain text at INFO.
 *
 * @param json  one JSON object per line, which Lambda's JSON format reads (its level, its time) and filters by level
 * @param level the lowest level this project's loggers write
 */
record LogSettings(boolean json, Level level) {

    private static final String OWN_LOGGERS = "org.cloudcheckkit.";

    static LogSettings from(Map<String, String> environment) {
        boolean json = "JSON".equalsIgnoreCase(environment.get("AWS_LAMBDA_LOG_FORMAT"));
        return new LogSettings(json, level(environment.get("AWS_LAMBDA_LOG_LEVEL")));
    }

    /**
     * The lowest level {@code logger} writes: the configured one for this project's loggers; WARN at least for
     * libraries', so that DEBUG on a function does not log every HTTP exchange the AWS SDK makes.
     */
    Level threshold(String logger) {
        if (logger.startsWith(OWN_LOGGERS) || level.toInt() >= Level.WARN.toInt()) {
            return level;
        }
        return Level.WARN;
    }

    /** Lambda's levels are SLF4J's plus FATAL, which SLF4J writes as ERROR. */
    private static Level level(String name) {
        if (name == null || name.isBlank()) {
            return Level.INFO;
        }
        String upper = name.strip().toUpperCase(Locale.ROOT);
        if (upper.equals("FATAL")) {
            return Level.ERROR;
        }
        try {
            return Level.valueOf(upper);
        } catch (IllegalArgumentException unknown) {
            return Level.INFO;
        }
    }
}
