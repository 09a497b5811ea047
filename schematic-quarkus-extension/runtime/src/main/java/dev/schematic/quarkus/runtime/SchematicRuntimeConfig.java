package dev.schematic.quarkus.runtime;

import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.quarkus.runtime.ConfigConverters.Booleans;
import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import dev.schematic.quarkus.runtime.ConfigConverters.Stores;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
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
    Map<String, @WithConverter(Booleans.class) Boolean> flagDefaults();

    /** Creates the client and starts its check cache at startup instead of on first use. */
    @WithDefault("false")
    @WithConverter(Booleans.class)
    boolean eager();

    /** The local cache of flag-check answers. */
    Cache cache();

    /** Flag checks through the API. */
    Checks checks();

    /** The circuit breaker on the API path of flag checks. */
    CircuitBreaker circuitBreaker();

    /** The event buffer that batches identify and track events to the capture service. */
    Events events();

    /**
     * Verification of Schematic webhooks by {@code @VerifiedSchematicWebhook} endpoints. The SDK's {@code
     * WebhookSignatureFilter} reads these keys through the catalogue as in every other runtime.
     */
    Webhooks webhooks();

    /**
     * Local flag evaluation from Schematic's DataStream (see docs/datastream.md): one WebSocket keeps flag rules,
     * companies and users in a cache and checks are answered in-process by the rules engine.
     */
    DataStream datastream();

    /** The rules engine that evaluates flags locally (see docs/rules-engine.md). */
    Rules rules();

    /** The local cache of flag-check answers. */
    interface Cache {
        /** Caches flag-check answers for {@code schematic.cache.ttl}. */
        @WithDefault("true")
        @WithConverter(Booleans.class)
        boolean enabled();

        /** The most answers kept (0 or more); the least recently used go first. */
        @WithDefault("1000")
        @WithConverter(Integers.class)
        int maxSize();

        /** How long an answer is reused (0 or more). */
        @WithDefault("5s")
        @WithConverter(Durations.class)
        Duration ttl();

        /** How long past its TTL an answer is served (marked stale) while the API fails (0 or more; 0 = never). */
        @WithDefault("5m")
        @WithConverter(Durations.class)
        Duration maxStale();
    }

    /** Flag checks through the API. */
    interface Checks {
        /** The most one check may take, retries and Retry-After waits included (at least 10ms). */
        @WithDefault("1s")
        @WithConverter(Durations.class)
        Duration deadline();
    }

    /** The circuit breaker on the API path of flag checks. */
    interface CircuitBreaker {
        /** Failed checks in a row (refused, timeout, 408, 5xx) that open it (0 to 1000; 0 turns it off). */
        @WithDefault("5")
        @WithConverter(Integers.class)
        int failureThreshold();

        /** How long it stays open, answering checks without the API, before one probe (at least 1ms). */
        @WithDefault("10s")
        @WithConverter(Durations.class)
        Duration openDuration();
    }

    /** The event buffer that batches identify and track events to the capture service. */
    interface Events {
        /** Events per request to the capture service (1 to 100). */
        @WithDefault("100")
        @WithConverter(Integers.class)
        int batchSize();

        /** The longest an event waits before its batch is sent (at least 1ms). */
        @WithDefault("5s")
        @WithConverter(Durations.class)
        Duration flushInterval();

        /** The most events queued (at least 1); beyond it the oldest are dropped, counted and logged. */
        @WithDefault("100000")
        @WithConverter(Integers.class)
        int maxQueue();

        /** How many times a batch failing with an unexpected error is re-sent (0 to 10). */
        @WithDefault("3")
        @WithConverter(Integers.class)
        int maxRetries();

        /** The first wait between batch retries; it doubles on each retry. */
        @WithDefault("1s")
        @WithConverter(Durations.class)
        Duration retryBackoff();

        /** Connect and read timeout of each request to the capture service (at least 1ms). */
        @WithDefault("10s")
        @WithConverter(Durations.class)
        Duration timeout();

        /** At shutdown, how long queued events may take to be delivered before they are given up on (0 or more). */
        @WithDefault("30s")
        @WithConverter(Durations.class)
        Duration shutdownTimeout();
    }

    /**
     * Verification of Schematic webhooks by {@code @VerifiedSchematicWebhook} endpoints (see docs/webhooks.md). A
     * missing secret or a bad value fails startup with {@code SCHEM401} to {@code SCHEM404} and the key.
     */
    interface Webhooks {
        /**
         * The webhook signing secret from the Schematic dashboard ({@code whsec_…}), required by
         * {@code @VerifiedSchematicWebhook} endpoints; several, comma-separated, while rotating.
         */
        Optional<String> secret();

        /**
         * Secrets of further webhook endpoints, named in {@code @VerifiedSchematicWebhook(secretKey =
         * "schematic.webhooks.secrets.<name>")}; each comma-separated while rotating.
         */
        Map<String, String> secrets();

        /**
         * The replay window: deliveries whose timestamp is further than this in the past or future are refused
         * ({@code 5m}, {@code 300s}, {@code PT5M}). Off when unset (or {@code off}, {@code 0}), as in Schematic's SDKs.
         * Text, since it also accepts {@code off}.
         */
        Optional<String> tolerance();

        /**
         * The largest webhook body read ({@code 1048576}, {@code 512KiB}, {@code 1MiB}); larger ones are refused with
         * 413. Text, since it accepts binary units.
         */
        @WithDefault("1MiB")
        String maxBodySize();

        /**
         * How long a webhook body may take to arrive ({@code 10s}, {@code 500ms}, {@code PT10S}); a slower sender is
         * refused with 408 and the connection closed.
         */
        @WithDefault("10s")
        @WithConverter(Durations.class)
        Duration bodyTimeout();
    }

    /**
     * Local flag evaluation from Schematic's DataStream (see docs/datastream.md). Values are checked by the SDK at
     * startup: a bad one fails with {@code SCHEM1nn} or {@code SCHEM5nn} and the key.
     */
    interface DataStream {
        /**
         * Keeps one WebSocket to Schematic's DataStream and answers flag checks locally once it is ready; until then
         * (and while it reconnects) checks use the REST API.
         */
        @WithDefault("false")
        @WithConverter(Booleans.class)
        boolean enabled();

        /**
         * The DataStream's WebSocket URL ({@code wss://…}), or an http(s) URL to derive it from. When unset it is
         * derived from {@code schematic.base-url}: {@code https://api.schematichq.com} gives {@code
         * wss://datastream.schematichq.com/datastream}.
         */
        Optional<URI> url();

        /**
         * Where flags, companies and users are cached: {@code embedded} (in-process Infinispan), {@code remote} (an
         * Infinispan Server through Hot Rod, shared by every instance) or {@code redis} (a Redis-protocol server).
         */
        @WithDefault("embedded")
        @WithConverter(Stores.class)
        DataStreamSettings.Store store();

        /** Lifespan of cached companies, users and lookup keys (flags: at least 30 days); {@code 0} = no expiry. */
        @WithDefault("24h")
        @WithConverter(Durations.class)
        Duration cacheTtl();

        /** Prefix of the keys in a shared store ({@code remote}, {@code redis}): {@code {prefix}:{logical key}}. */
        @WithDefault("schematic")
        String keyPrefix();

        /** Bounds of the embedded store. */
        LocalCache localCache();

        /** How long a check waits for a company or user it asked the DataStream for before using the REST API. */
        @WithDefault("2s")
        @WithConverter(Durations.class)
        Duration entityTimeout();

        /** Backoff between reconnect attempts. */
        Reconnect reconnect();

        /** How often a ping frame is sent; a ping still unanswered when the next is due drops the socket. */
        @WithDefault("27s")
        @WithConverter(Durations.class)
        Duration pingInterval();

        /** The Infinispan Server of {@code store=remote} (needs {@code org.infinispan:infinispan-client-hotrod}). */
        Remote remote();

        /**
         * Reads what Schematic's replicator service writes into Redis instead of opening a WebSocket; implies {@code
         * enabled} and {@code store=redis}.
         */
        @WithDefault("false")
        @WithConverter(Booleans.class)
        boolean replicatorMode();

        /** The replicator's readiness URL, polled in replicator mode. */
        @WithDefault("http://localhost:8090/ready")
        URI replicatorHealthUrl();

        /** How often the replicator's readiness URL is polled. */
        @WithDefault("30s")
        @WithConverter(Durations.class)
        Duration replicatorHealthInterval();

        /** The Redis-protocol server of {@code store=redis} (needs {@code redis.clients:jedis}). */
        Redis redis();

        /** Bounds of the embedded store. */
        interface LocalCache {
            /** The most entries of each embedded company, user and lookup cache (at least 1). */
            @WithDefault("1000")
            @WithConverter(Integers.class)
            int maxEntries();

            /** The most flags in the embedded flag cache (at least 1). */
            @WithDefault("10000")
            @WithConverter(Integers.class)
            int maxFlags();
        }

        /** Backoff between reconnect attempts: {@code min(2^(n-1) × min-delay, max-delay)} plus jitter. */
        interface Reconnect {
            /** The first wait before reconnecting (at least 1ms). */
            @WithDefault("1s")
            @WithConverter(Durations.class)
            Duration minDelay();

            /** The longest wait between attempts (not shorter than {@code min-delay}). */
            @WithDefault("30s")
            @WithConverter(Durations.class)
            Duration maxDelay();
        }

        /** The Infinispan Server of {@code store=remote}. */
        interface Remote {
            /** Hot Rod servers, {@code host:port;host:port}. */
            @WithDefault("localhost:11222")
            String servers();

            /** Hot Rod user; anonymous when unset. */
            Optional<String> username();

            /** Hot Rod password; never printed. */
            Optional<String> password();

            /** The remote cache's name (created as a local cache when missing and allowed). */
            @WithDefault("schematic")
            String cache();
        }

        /** The Redis-protocol server of {@code store=redis}. */
        interface Redis {
            /**
             * {@code redis://host:port/db}, or {@code rediss://…} for TLS; user info in it is used unless the
             * username/password keys are set.
             */
            @WithDefault("redis://localhost:6379/0")
            URI url();

            /** ACL user; the URL's when unset, else none. */
            Optional<String> username();

            /** The password; the URL's when unset, else none. Never printed. */
            Optional<String> password();
        }
    }

    /** The rules engine that evaluates flags locally (see docs/rules-engine.md). */
    interface Rules {
        /** A WASM module file to use instead of the bundled engine (compiled to JVM bytecode when first used). */
        Optional<Path> wasm();

        /** The most WASM instances kept, 1 to 1024 (about 1.1 MB each); the number of processors when unset. */
        Optional<@WithConverter(Integers.class) Integer> poolSize();

        /** The most memoized results, 0 to 10,000,000 ({@code 0} disables the memo). */
        @WithDefault("10000")
        @WithConverter(Integers.class)
        int memoSize();
    }
}
