package dev.schematic.internal.http;

import dev.schematic.SchematicApiException;
import dev.schematic.internal.concurrent.Backoff;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before retrying a REST call, as the official SDKs do: statuses 408, 429 and 5xx and
 * refused connections are retried; other 4xx never. The wait is {@code Retry-After} (seconds or an HTTP date) when
 * present, else {@code X-RateLimit-Reset} (epoch seconds) plus 0–20% jitter, else the {@link Backoff} ({@code
 * backoff × 2^n} ±10%, capped at 60 s unless the backoff says less); headers are capped at 60 s.
 *
 * @param maxRetries retries after the first attempt
 * @param exponential the waits without a header
 */
public record RetryPolicy(int maxRetries, Backoff exponential) {
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** Waits of {@code backoff × 2^n} ±10%, capped at 60 s ({@code backoff}: 1 s by default). */
    public RetryPolicy(int maxRetries, Duration backoff) {
        this(maxRetries, new Backoff(backoff, MAX_WAIT, Backoff.Jitter.PROPORTIONAL));
    }

    /** Whether a failure of an attempt may be retried. */
    public static boolean isRetryable(Throwable failure) {
        if (failure instanceof SchematicApiException api) {
            int s = api.status();
            return s == 408 || s == 429 || s >= 500;
        }
        if (failure instanceof ProcessingException) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ConnectException) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How long to wait before retry number {@code retriesDone + 1}. */
    public Duration delay(int retriesDone, Throwable failure) {
        if (failure instanceof SchematicApiException api) {
            Optional<Duration> retryAfter = api.header("Retry-After").flatMap(RetryPolicy::parseRetryAfter);
            if (retryAfter.isPresent()) {
                return min(retryAfter.get(), MAX_WAIT);
            }
            Optional<Duration> reset = api.header("X-RateLimit-Reset").flatMap(RetryPolicy::parseReset);
            if (reset.isPresent()) {
                return jitter(min(reset.get(), MAX_WAIT), 0.0, 0.2);
            }
        }
        return exponential.delay(retriesDone);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds > 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<Duration> parseReset(String value) {
        try {
            Duration d = Duration.between(Instant.now(), Instant.ofEpochSecond(Long.parseLong(value.strip())));
            return d.isNegative() || d.isZero() ? Optional.empty() : Optional.of(d);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration jitter(Duration d, double low, double high) {
        double factor = 1 + low + ThreadLocalRandom.current().nextDouble() * (high - low);
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
