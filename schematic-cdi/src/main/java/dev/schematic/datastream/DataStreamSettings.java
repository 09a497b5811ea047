package dev.schematic.datastream;

import dev.schematic.SchematicConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code schematic.datastream.*} settings, validated by {@link dev.schematic.SchematicConfig#read}. See
 * docs/datastream.md for the table of keys and defaults.
 *
 * @param enabled evaluate flags locally from the DataStream (default false)
 * @param url the WebSocket URL; empty = derived from {@code schematic.base-url} (datastream.md §1.1)
 * @param store where entities are cached: {@code embedded} (in-process Infinispan) or {@code remote} (Hot Rod)
 * @param cacheTtl lifespan of cached companies, users and lookup keys; flags live at least 30 days; zero = forever
 * @param keyPrefix prefix of the keys in a shared (remote) store, joined with {@code :}
 * @param maxEntries most entries of each embedded company, user and lookup cache
 * @param maxFlags most flags in the embedded flag cache
 * @param entityTimeout how long a check waits for a company or user it asked the DataStream for
 * @param reconnectMinDelay first wait before reconnecting (doubles per failed attempt, plus jitter)
 * @param reconnectMaxDelay the cap of that wait
 * @param pingInterval how often a ping frame is sent; a ping unanswered by the next one closes the socket
 * @param remoteServers Hot Rod servers, {@code host:port;host:port}
 * @param remoteUsername Hot Rod user (empty = anonymous)
 * @param remotePassword Hot Rod password
 * @param remoteCache the remote cache name (created as a local cache when missing and allowed)
 */
public record DataStreamSettings(
        boolean enabled,
        Optional<URI> url,
        Store store,
        Duration cacheTtl,
        String keyPrefix,
        int maxEntries,
        int maxFlags,
        Duration entityTimeout,
        Duration reconnectMinDelay,
        Duration reconnectMaxDelay,
        Duration pingInterval,
        String remoteServers,
        Optional<String> remoteUsername,
        Optional<String> remotePassword,
        String remoteCache) {

    /** Flags are kept at least this long whatever {@code cache-ttl} says (all official SDKs do). */
    public static final Duration FLAG_TTL_FLOOR = Duration.ofDays(30);

    /** Where the DataStream's entities are cached. */
    public enum Store {
        /** An in-process Infinispan cache per logical cache (default). */
        EMBEDDED,
        /** One remote Infinispan cache through Hot Rod, shared by every app instance that uses it. */
        REMOTE,
        /** Redis (replicator layout); not supported yet. */
        REDIS;

        /** Parses {@code embedded}, {@code remote} or {@code redis}. */
        public static Store parse(String key, String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "embedded" -> EMBEDDED;
                case "remote" -> REMOTE;
                case "redis" ->
                    throw new SchematicConfigException(
                            "SCHEM501",
                            key,
                            "redis is not yet supported (the replicator mode comes later); use embedded or remote");
                default ->
                    throw new SchematicConfigException(
                            "SCHEM500", key, "expected embedded, remote or redis, got '" + text + "'");
            };
        }
    }

    public DataStreamSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(remoteUsername, "remoteUsername");
        Objects.requireNonNull(remotePassword, "remotePassword");
    }

    /** The lifespan of flags: {@code cacheTtl} but at least 30 days; zero (forever) stays zero. */
    public Duration flagTtl() {
        return cacheTtl.isZero() || cacheTtl.compareTo(FLAG_TTL_FLOOR) >= 0 ? cacheTtl : FLAG_TTL_FLOOR;
    }

    /** The WebSocket URL in force: the configured one, or the one derived from the REST base URL. */
    public URI url(URI baseUrl) {
        return url.orElseGet(() -> DataStreamUrl.derive(baseUrl));
    }

    /** Checks a {@code schematic.datastream.url} value: ws, wss, http or https with a host. */
    public static URI parseUrl(String key, String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("ws") || scheme.equals("wss"))) {
                return uri;
            }
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return DataStreamUrl.derive(uri);
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with the key's name
        }
        throw new SchematicConfigException(
                "SCHEM502",
                key,
                "expected a ws(s) URL such as wss://datastream.schematichq.com/datastream, got '" + text + "'");
    }

    /** Checks a {@code host:port;host:port} list. */
    public static String parseServers(String key, String text) {
        String list = text.strip();
        for (String server : list.split(";")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            boolean ok = !s.isEmpty();
            if (ok && colon >= 0) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = colon > 0 && port > 0 && port < 65536;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new SchematicConfigException(
                        "SCHEM503", key, "expected host:port entries separated by ';', got '" + text + "'");
            }
        }
        return list;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "DataStreamSettings[enabled=" + enabled + ", url="
                + url.map(URI::toString).orElse("<derived>")
                + ", store=" + store + ", cacheTtl=" + cacheTtl + ", keyPrefix=" + keyPrefix + ", maxEntries="
                + maxEntries + ", maxFlags=" + maxFlags + ", entityTimeout=" + entityTimeout + ", reconnect="
                + reconnectMinDelay + ".." + reconnectMaxDelay + ", pingInterval=" + pingInterval + ", remoteServers="
                + remoteServers + ", remoteUsername=" + remoteUsername.orElse("<none>") + ", remotePassword="
                + (remotePassword.isPresent() ? "<redacted>" : "<none>") + ", remoteCache=" + remoteCache + "]";
    }
}
