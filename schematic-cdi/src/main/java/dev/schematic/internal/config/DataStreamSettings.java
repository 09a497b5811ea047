package dev.schematic.internal.config;

import dev.schematic.SchematicConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code schematic.datastream.*} settings, validated by {@link dev.schematic.internal.config.SchematicConfig#read}. See
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
 * @param replicatorMode read what Schematic's replicator service writes into Redis instead of opening a WebSocket
 *     (docs/replicator.md); implies {@code enabled} and {@code store=redis}
 * @param replicatorHealthUrl the replicator's readiness URL, polled for readiness and the cache version
 * @param replicatorHealthInterval how often it is polled (the first poll is at start)
 * @param redis the Redis-protocol server of {@code store=redis}
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
        String remoteCache,
        boolean replicatorMode,
        URI replicatorHealthUrl,
        Duration replicatorHealthInterval,
        Redis redis) {

    /** Default of {@code schematic.datastream.replicator-health-url} (the replicator's {@code HEALTH_PORT} 8090). */
    public static final String DEFAULT_REPLICATOR_HEALTH_URL = "http://localhost:8090/ready";
    /** Default of {@code schematic.datastream.replicator-health-interval}. */
    public static final String DEFAULT_REPLICATOR_HEALTH_INTERVAL = "30s";
    /** Default of {@code schematic.datastream.redis.url}. */
    public static final String DEFAULT_REDIS_URL = "redis://localhost:6379/0";
    /** The class that tells whether the optional Redis client (Jedis) is on the class path. */
    public static final String REDIS_CLIENT_CLASS = "redis.clients.jedis.JedisPool";

    /** Flags are kept at least this long whatever {@code cache-ttl} says (all official SDKs do). */
    public static final Duration FLAG_TTL_FLOOR = Duration.ofDays(30);

    /** Where the DataStream's entities are cached. */
    public enum Store {
        /** An in-process Infinispan cache per logical cache (default). */
        EMBEDDED,
        /** One remote Infinispan cache through Hot Rod, shared by every app instance that uses it. */
        REMOTE,
        /** A Redis-protocol server (Redis, Valkey, Infinispan's RESP endpoint) in the official SDKs' layout. */
        REDIS;

        /** Parses {@code embedded}, {@code remote} or {@code redis}. */
        public static Store parse(String key, String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "embedded" -> EMBEDDED;
                case "remote" -> REMOTE;
                case "redis" -> REDIS;
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
        Objects.requireNonNull(replicatorHealthUrl, "replicatorHealthUrl");
        Objects.requireNonNull(replicatorHealthInterval, "replicatorHealthInterval");
        Objects.requireNonNull(redis, "redis");
    }

    /**
     * Where a Redis-protocol store lives ({@code schematic.datastream.redis.*}).
     *
     * @param url {@code redis://host:port/db} or {@code rediss://…} (TLS); user info in it is used unless the
     *     username/password keys are set
     * @param username ACL user (empty = the URL's, else none)
     * @param password the password (empty = the URL's, else none); never printed
     */
    public record Redis(URI url, Optional<String> username, Optional<String> password) {
        public Redis {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** {@code rediss://}. */
        public boolean tls() {
            return "rediss".equalsIgnoreCase(url.getScheme());
        }

        public String host() {
            return url.getHost();
        }

        /** The URL's port, 6379 when absent. */
        public int port() {
            return url.getPort() < 0 ? 6379 : url.getPort();
        }

        /** The database number from the URL's path ({@code /0}); 0 when absent. */
        public int database() {
            String path = url.getPath();
            return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
        }

        /** The user: the username key, else the URL's user info (before {@code :}), else none. */
        public Optional<String> user() {
            if (username.isPresent()) {
                return username;
            }
            String info = url.getUserInfo();
            if (info == null || info.isEmpty()) {
                return Optional.empty();
            }
            int colon = info.indexOf(':');
            String u = colon < 0 ? "" : info.substring(0, colon);
            return u.isEmpty() ? Optional.empty() : Optional.of(u);
        }

        /** The password: the password key, else the URL's (after {@code :}), else none. */
        public Optional<String> secret() {
            if (password.isPresent()) {
                return password;
            }
            String info = url.getUserInfo();
            if (info == null || info.isEmpty()) {
                return Optional.empty();
            }
            int colon = info.indexOf(':');
            String p = colon < 0 ? info : info.substring(colon + 1);
            return p.isEmpty() ? Optional.empty() : Optional.of(p);
        }

        /** {@code redis://host:port/db} without credentials, for logs and health data. */
        public String address() {
            return url.getScheme().toLowerCase(Locale.ROOT) + "://" + host() + ":" + port() + "/" + database();
        }

        /** Checks a {@code schematic.datastream.redis.url} value. */
        public static URI parseUrl(String key, String text) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                String path = uri.getPath() == null ? "" : uri.getPath();
                if (uri.getHost() != null
                        && (scheme.equals("redis") || scheme.equals("rediss"))
                        && (path.isEmpty() || path.equals("/") || path.matches("/\\d{1,5}"))
                        && uri.getQuery() == null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException e) {
                // reported below with the key's name
            }
            throw new SchematicConfigException(
                    "SCHEM504",
                    key,
                    "expected redis://host:port/db or rediss://host:port/db (TLS), e.g. redis://localhost:6379/0, got '"
                            + redact(text) + "'");
        }

        private static String redact(String text) {
            return text.replaceAll("//[^@/]*@", "//<credentials>@");
        }

        @Override
        public String toString() {
            return address()
                    + (user().isPresent() ? " user " + user().get() : "")
                    + (secret().isPresent() ? " password <redacted>" : "");
        }
    }

    /** Checks a {@code schematic.datastream.replicator-health-url} value: http(s) with a host. */
    public static URI parseHealthUrl(String key, String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below with the key's name
        }
        throw new SchematicConfigException(
                "SCHEM505",
                key,
                "expected an http(s) URL such as " + DEFAULT_REPLICATOR_HEALTH_URL + ", got '" + text + "'");
    }

    /**
     * Fails with SCHEM501 when {@code store=redis} is in force but the optional Redis client is not on the class
     * path (schematic-cdi declares it optional, like the Hot Rod client).
     */
    public static void requireRedisClient(String key, String className) {
        try {
            Class.forName(className, false, DataStreamSettings.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SchematicConfigException(
                    "SCHEM501",
                    key,
                    "redis needs the Redis client on the class path: add redis.clients:jedis:8.0.2 (an optional"
                            + " dependency of schematic-cdi) to the application");
        }
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
                + (remotePassword.isPresent() ? "<redacted>" : "<none>") + ", remoteCache=" + remoteCache
                + ", replicatorMode=" + replicatorMode
                + ", replicatorHealthUrl=" + replicatorHealthUrl + ", replicatorHealthInterval="
                + replicatorHealthInterval + ", redis=" + redis + "]";
    }
}
