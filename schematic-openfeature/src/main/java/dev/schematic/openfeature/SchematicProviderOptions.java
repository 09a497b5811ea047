package dev.schematic.openfeature;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link SchematicProvider}. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * SchematicProviderOptions options = SchematicProviderOptions.defaults()
 *         .withInitTimeout(Duration.ofSeconds(5))
 *         .withTargetingKeyAsUserKey("id");
 * }</pre>
 *
 * @param initTimeout how long {@code initialize} waits for the DataStream to be ready (default 10 s); on timeout the
 *     provider starts in {@code ERROR} (checks still answered through the REST API) and turns {@code READY} when the
 *     DataStream is
 * @param pollInterval how often the DataStream state is read to emit {@code PROVIDER_READY}, {@code PROVIDER_STALE},
 *     {@code PROVIDER_ERROR} and {@code PROVIDER_CONFIGURATION_CHANGED} (default 500 ms)
 * @param targetingKeyAsUserKey when set, a context's targeting key becomes this user key (e.g. {@code id}) unless the
 *     {@code user} attribute already has that key; when {@code null} (default) the targeting key is ignored
 */
public record SchematicProviderOptions(Duration initTimeout, Duration pollInterval, String targetingKeyAsUserKey) {

    /** Checks the durations. */
    public SchematicProviderOptions {
        Objects.requireNonNull(initTimeout, "initTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (initTimeout.isNegative()) {
            throw new IllegalArgumentException("initTimeout must not be negative: " + initTimeout);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
        if (targetingKeyAsUserKey != null && targetingKeyAsUserKey.isBlank()) {
            targetingKeyAsUserKey = null;
        }
    }

    /** 10 s to initialize, state read every 500 ms, targeting key ignored. */
    public static SchematicProviderOptions defaults() {
        return new SchematicProviderOptions(Duration.ofSeconds(10), Duration.ofMillis(500), null);
    }

    /** The same settings with another {@link #initTimeout()}. */
    public SchematicProviderOptions withInitTimeout(Duration timeout) {
        return new SchematicProviderOptions(timeout, pollInterval, targetingKeyAsUserKey);
    }

    /** The same settings with another {@link #pollInterval()}. */
    public SchematicProviderOptions withPollInterval(Duration interval) {
        return new SchematicProviderOptions(initTimeout, interval, targetingKeyAsUserKey);
    }

    /** The same settings with the targeting key mapped to this user key ({@code null}: ignored). */
    public SchematicProviderOptions withTargetingKeyAsUserKey(String userKey) {
        return new SchematicProviderOptions(initTimeout, pollInterval, userKey);
    }
}
