package org.cloudcheckkit.logging.provider;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * Writes each log event as one line: a JSON object (time, level, logger, message, the MDC's keys, the stack trace as
 * one string) or, for people, {@code [LEVEL] Logger - message {keys}} with the stack trace below. A line is written
 * with one println, so lines of concurrent threads never interleave.
 */
final class LogLines {
    private final Supplier<PrintStream> out;
    private final Clock clock;
    private final boolean json;
    private final Supplier<Map<String, String>> context;

    /** @param out where lines go, asked at each line: System.out as it is then, in a test that captured it too */
    LogLines(Supplier<PrintStream> out, Clock clock, boolean json, Supplier<Map<String, String>> context) {
        this.out = out;
        this.clock = clock;
        this.json = json;
        this.context = context;
    }

    void write(Level level, String logger, String message, Throwable thrown) {
        Map<String, String> keys = context.get();
        out.get().println(json ? jsonLine(level, logger, message, thrown, keys) : textLine(level, logger, message, thrown, keys));
    }

    private String jsonLine(Level level, String logger, String message, Throwable thrown, Map<String, String> keys) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"timestamp\":\"").append(clock.instant()).append('"');
        field(line, "level", level.name());
        field(line, "logger", logger);
        field(line, "message", message);
        if (keys != null) {
            new TreeMap<>(keys).forEach((key, value) -> field(line, key, value));
        }
        if (thrown != null) {
            field(line, "exception", stackTrace(thrown));
        }
        return line.append('}').toString();
    }

    private static String textLine(Level level, String logger, String message, Throwable thrown, Map<String, String> keys) {
        StringBuilder line = new StringBuilder(128);
        line.append('[').append(level.name()).append("] ").append(logger.substring(logger.lastIndexOf('.') + 1))
                .append(" - ").append(message);
        if (keys != null && !keys.isEmpty()) {
            line.append(' ').append(new TreeMap<>(keys));
        }
        if (thrown != null) {
            line.append(System.lineSeparator()).append(stackTrace(thrown).stripTrailing());
        }
        return line.toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"");
        escape(line, name);
        line.append("\":");
        if (value == null) {
            line.append("null");
            return;
        }
        line.append('"');
        escape(line, value);
        line.append('"');
    }

    /** JSON string escaping: quotes, backslashes and every control character, so a line stays one line. */
    private static void escape(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
