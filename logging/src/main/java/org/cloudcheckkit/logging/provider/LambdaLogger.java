package org.cloudcheckkit.logging.provider;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger: formats the message when its level is on, and hands it to the lines. */
final class LambdaLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient LogLines lines;
    private final int threshold;

    LambdaLogger(String name, Level threshold, LogLines lines) {
        this.name = name;
        this.threshold = threshold.toInt();
        this.lines = lines;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable thrown) {
        lines.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
    }
}
