package dev.schematic.internal.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/** The engine's UTC timestamps ({@code 2026-04-01T00:00:00Z}) parsed by hand, others by {@link ResultReader}. */
final class UtcTimestamps {
    private UtcTimestamps() {}

    /** {@code yyyy-mm-ddThh:mm:ss[.f…]Z}; anything else through {@link ResultReader#parseInstant}. */
    static Instant parse(String s) throws ResultReader.MalformedOutput {
        int n = s.length();
        if (n >= 20
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(n - 1) == 'Z') {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 2);
            int day = digits(s, 8, 2);
            int hour = digits(s, 11, 2);
            int minute = digits(s, 14, 2);
            int second = digits(s, 17, 2);
            int nanos = 0;
            boolean ok = year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24;
            ok &= minute >= 0 && minute < 60 && second >= 0 && second < 60;
            if (ok && n > 20) {
                int fraction = n - 21;
                ok = s.charAt(19) == '.' && fraction >= 1 && fraction <= 9;
                nanos = ok ? digits(s, 20, fraction) : -1;
                for (int i = fraction; ok && i < 9; i++) {
                    nanos *= 10;
                }
                ok &= nanos >= 0;
            }
            if (ok) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400 + hour * 3600L + minute * 60L + second, nanos);
                } catch (DateTimeException e) {
                    // an impossible date: the full parser's message
                }
            }
        }
        return ResultReader.parseInstant(s, "featureUsageResetAt");
    }

    /** The decimal value of {@code count} ASCII digits, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
