package dev.schematic.internal.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text forms of durations every runtime accepts: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601, plain seconds. */
public final class DurationText {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private DurationText() {}

    /** Parses {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT5S}) or plain seconds. */
    public static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        return Duration.parse(t.toUpperCase(Locale.ROOT));
    }

    /** {@code 250ms}, {@code 5s}, {@code 1m} style text of a duration (the shortest exact unit). */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) {
            return ms / 86_400_000 + "d";
        } else if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        } else if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        } else if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
