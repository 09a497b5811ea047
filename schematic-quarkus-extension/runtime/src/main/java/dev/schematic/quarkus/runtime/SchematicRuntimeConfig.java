package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Booleans;
import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The SDK's settings, typed: the same {@code schematic.*} keys and defaults as every other runtime (the SDK's
 * catalogue, {@code dev.schematic.internal.config.Catalogue}), so an application moves between WildFly and Quarkus
 * unchanged. Each member's value is checked by the catalogue when the application starts (ranges, URL schemes): a bad
 * value fails startup with {@code SCHEMnnn schematic.<key>: …}. A value of the wrong type (a duration that does not
 * parse) is refused while the mapping is built, by the SDK's own converters, with its SCHEM code and the key.
 *
 * <p>Durations are written {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, plain seconds, or ISO-8601
 * ({@code PT5S}); booleans are {@code true} or {@code false}.
 *
 * <p>The nested groups ({@code schematic.cache.*}, {@code schematic.events.*}, {@code schematic.datastream.*}, …) are
 * interfaces of their own ({@link CacheConfig}, {@link EventsConfig}, {@link DataStreamConfig}, …); a group's member
 * name is its key segment, so the keys are unchanged.
 */
@ConfigMapping(prefix = "schematic")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SchematicRuntimeConfig {

    /**
     * The secret API key of a Schematic environment ({@code sch_dev_…}, {@code sch_prod_…}). Required unless {@code
     * schematic.offline=true}. In dev and test mode, leaving it unset starts Dev Services (a fake Schematic).
     */
    Optional<String> apiKey();

    /** The Schematic API: an http(s) URL. */
    @WithDefault("https://api.schematichq.com")
    URI baseUrl();

    /** The event capture service that receives identify and track events in batches: an http(s) URL. */
    @WithDefault("https://c.schematichq.com")
    URI eventCaptureUrl();

    /**
     * Runs without Schematic: no request is made, flag checks return their defaults, events are dropped, and the typed
     * API fails with a message saying why.
     */
    @WithDefault("false")
    @WithConverter(Booleans.class)
    boolean offline();

    /** Connect and read timeout of each API request (at least 1ms). */
    @WithDefault("60s")
    @WithConverter(Durations.class)
    Duration timeout();

    /** How many times a failed API request is retried (0 to 10): connection errors, 429 and 5xx answers. */
    @WithDefault("2")
    @WithConverter(Integers.class)
    int maxRetries();

    /** The first wait between retries; it doubles on each retry and honours {@code Retry-After}. */
    @WithDefault("1s")
    @WithConverter(Durations.class)
    Duration retryBackoff();

    /** Connect timeout of each API request, at most its read timeout (at least 1ms). */
    @WithDefault("10s")
    @WithConverter(Durations.class)
    Duration connectTimeout();

    /**
     * The value a flag check returns when Schematic cannot answer (offline, timeout, unknown flag), per flag key, e.g.
     * {@code schematic.flag-defaults.new-editor=true}. Flags not listed default to {@code false}. The SDK also reads the
     * list form {@code schematic.flag-defaults=new-editor=true,beta=false} and one environment variable per flag
     * ({@code SCHEMATIC_FLAG_DEFAULTS_NEW_EDITOR=true}; see docs/configuration.md).
     */
    @WithName("flag-defaults")
    @ConfigDocMapKey("flag")
    Map<String, @WithConverter(Booleans.class) Boolean> flagDefaults();

    /** Creates the client and starts its check cache at startup instead of on first use. */
    @WithDefault("false")
    @WithConverter(Booleans.class)
    boolean eager();

    /** The local cache of flag-check answers. */
    CacheConfig cache();

    /** Flag checks through the API. */
    ChecksConfig checks();

    /** The circuit breaker on the API path of flag checks. */
    CircuitBreakerConfig circuitBreaker();

    /** The event buffer that batches identify and track events to the capture service. */
    EventsConfig events();

    /**
     * Verification of Schematic webhooks by {@code @VerifiedSchematicWebhook} endpoints. The SDK's {@code
     * WebhookSignatureFilter} reads these keys through the catalogue as in every other runtime.
     */
    WebhooksConfig webhooks();

    /**
     * Local flag evaluation from Schematic's DataStream (see docs/datastream.md): one WebSocket keeps flag rules,
     * companies and users in a cache and checks are answered in-process by the rules engine.
     */
    DataStreamConfig datastream();

    /** The rules engine that evaluates flags locally (see docs/rules-engine.md). */
    RulesConfig rules();

    /** The OpenFeature provider of {@code schematic-openfeature} (see docs/openfeature.md). */
    OpenFeatureConfig openfeature();
}
