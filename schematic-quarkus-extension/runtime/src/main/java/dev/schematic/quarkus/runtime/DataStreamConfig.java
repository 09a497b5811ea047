package dev.schematic.quarkus.runtime;

import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.quarkus.runtime.ConfigConverters.Booleans;
import dev.schematic.quarkus.runtime.ConfigConverters.Durations;
import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import dev.schematic.quarkus.runtime.ConfigConverters.Stores;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Local flag evaluation from Schematic's DataStream (see docs/datastream.md). Values are checked by the SDK at
 * startup: a bad one fails with {@code SCHEM1nn} or {@code SCHEM5nn} and the key.
 */
public interface DataStreamConfig {
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
