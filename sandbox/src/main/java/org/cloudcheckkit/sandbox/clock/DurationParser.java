package org.cloudcheckkit.sandbox.clock;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people type them: {@code 500ms}, {@code 2s}, {@code 20m}, {@code 1h}, {@code 7d}, or ISO-8601. */
public final class DurationParser {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationParser() {
    }

    public static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT_FORM.matcher(trimmed);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            return switch (shortForm.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Not a duration: '" + text + "' (use e.g. 500ms, 2s, 20m, 1h, 7d or"
                    + " PT20M)", e);
        }
    }
}
