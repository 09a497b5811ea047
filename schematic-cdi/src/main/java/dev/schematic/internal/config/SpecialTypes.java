package dev.schematic.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@link SettingType}s of single keys with their own rules: the DataStream, Redis and replicator URLs, the Hot Rod
 * server list, the rules engine's module file, and the webhook size and tolerance.
 */
final class SpecialTypes {
    /** Leaves room under the JVM's array size limit. */
    static final long LARGEST_BODY_SIZE = Integer.MAX_VALUE - 16;

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    private SpecialTypes() {}

    /** ws(s), or http(s) to derive the WebSocket URL from (SCHEM502). */
    static final SettingType<URI> DATASTREAM_URL = SettingTypes.custom(
            URI.class,
            "ws(s) URL, or http(s) to derive it from",
            (key, text) -> checkDataStreamUrl(key, uri(text), text),
            (key, uri) -> checkDataStreamUrl(key, uri, uri.toString()),
            SchemCode.SCHEM502);

    /** {@code host:port;host:port} (SCHEM503). */
    static final SettingType<String> SERVERS = SettingTypes.custom(
            String.class, "host:port;host:port", SpecialTypes::servers, SpecialTypes::servers, SchemCode.SCHEM503);

    /** {@code redis://host:port/db} or {@code rediss://…} (SCHEM504). */
    static final SettingType<URI> REDIS_URL = SettingTypes.custom(
            URI.class,
            "redis://host:port/db or rediss://…",
            (key, text) -> checkRedisUrl(key, uri(text), text),
            (key, uri) -> checkRedisUrl(key, uri, uri.toString()),
            SchemCode.SCHEM504);

    /** An http(s) URL with a host (SCHEM505). */
    static final SettingType<URI> HEALTH_URL = SettingTypes.custom(
            URI.class,
            "http(s) URL",
            (key, text) -> checkHealthUrl(key, uri(text), text),
            (key, uri) -> checkHealthUrl(key, uri, uri.toString()),
            SchemCode.SCHEM505);

    /** A readable regular file (SCHEM301). */
    static final SettingType<Path> WASM_FILE = SettingTypes.custom(
            Path.class, "path of a readable file", SpecialTypes::wasmFile, SpecialTypes::readable, SchemCode.SCHEM301);

    /** A byte count: {@code 1048576}, {@code 512KiB}, {@code 1MiB}; K, KB, KiB (and M, G) all mean 1024 (SCHEM403). */
    static final SettingType<Integer> BODY_SIZE = SettingTypes.custom(
            Integer.class,
            "size: 1048576, 512KiB, 1MiB",
            SpecialTypes::bodySize,
            SpecialTypes::bodySize,
            SchemCode.SCHEM403);

    /** A duration that is not negative; {@code off}, {@code none} and {@code 0} mean zero (no window) (SCHEM402). */
    static final SettingType<Duration> TOLERANCE = SettingTypes.custom(
            Duration.class, "duration, or off", SpecialTypes::tolerance, SpecialTypes::tolerance, SchemCode.SCHEM402);

    private static URI uri(String text) {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            return URI.create("invalid:" + text.strip().replaceAll("[^A-Za-z0-9._~-]", "_"));
        }
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static URI checkDataStreamUrl(String key, URI uri, String text) {
        String scheme = scheme(uri);
        if (uri.getHost() != null
                && (scheme.equals("ws") || scheme.equals("wss") || scheme.equals("http") || scheme.equals("https"))) {
            return uri;
        }
        throw SchemCode.SCHEM502.error(
                key,
                "expected a ws(s) URL such as wss://datastream.schematichq.com/datastream, got '" + text.strip() + "'");
    }

    private static URI checkRedisUrl(String key, URI uri, String text) {
        String scheme = scheme(uri);
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (uri.getHost() != null
                && (scheme.equals("redis") || scheme.equals("rediss"))
                && (path.isEmpty() || path.equals("/") || path.matches("/\\d{1,5}"))
                && uri.getQuery() == null) {
            return uri;
        }
        throw SchemCode.SCHEM504.error(
                key,
                "expected redis://host:port/db or rediss://host:port/db (TLS), e.g. redis://localhost:6379/0, got '"
                        + text.strip().replaceAll("//[^@/]*@", "//<credentials>@") + "'");
    }

    private static URI checkHealthUrl(String key, URI uri, String text) {
        String scheme = scheme(uri);
        if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
            return uri;
        }
        throw SchemCode.SCHEM505.error(
                key, "expected an http(s) URL such as http://localhost:8090/ready, got '" + text.strip() + "'");
    }

    private static String servers(String key, String text) {
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
                throw SchemCode.SCHEM503.error(key, "expected host:port entries separated by ';', got '" + text + "'");
            }
        }
        return list;
    }

    private static Path wasmFile(String key, String text) {
        String file = text.strip();
        try {
            return readable(key, Path.of(file));
        } catch (InvalidPathException e) {
            throw SchemCode.SCHEM301.error(key, "not a valid path: '" + file + "'");
        }
    }

    private static Path readable(String key, Path path) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw SchemCode.SCHEM301.error(
                    key,
                    "expected a readable WASM module file, got '" + path + "' ("
                            + (Files.exists(path) ? "not a readable regular file" : "no such file") + ")");
        }
        return path;
    }

    private static Integer bodySize(String key, String text) {
        String v = text.strip();
        Matcher m = SIZE.matcher(v.toLowerCase(Locale.ROOT));
        long size = -1;
        if (m.matches()) {
            try {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "b" : m.group(2);
                long factor = switch (unit.charAt(0)) {
                    case 'k' -> 1024L;
                    case 'm' -> 1024L * 1024;
                    case 'g' -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                size = Math.multiplyExact(n, factor);
            } catch (NumberFormatException | ArithmeticException e) {
                size = Long.MAX_VALUE;
            }
        }
        if (size < 0) {
            throw SchemCode.SCHEM403.error(key, "expected a size such as 1048576, 512KiB or 1MiB, got '" + v + "'");
        }
        return bodySize(key, size, v);
    }

    private static Integer bodySize(String key, Integer size) {
        return bodySize(key, size.longValue(), size.toString());
    }

    private static Integer bodySize(String key, long size, String shown) {
        if (size < 1 || size > LARGEST_BODY_SIZE) {
            throw SchemCode.SCHEM403.error(
                    key, "expected a size from 1 byte to " + LARGEST_BODY_SIZE + " bytes, got '" + shown + "'");
        }
        return (int) size;
    }

    private static Duration tolerance(String key, String text) {
        String v = text.strip();
        if (v.isEmpty() || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            d = DurationText.parse(v);
        } catch (RuntimeException e) {
            throw SchemCode.SCHEM402.error(
                    key, "expected a duration such as 5m, 300s or PT5M (or off), got '" + v + "'");
        }
        return tolerance(key, d);
    }

    private static Duration tolerance(String key, Duration d) {
        if (d.isNegative()) {
            throw SchemCode.SCHEM402.error(key, "expected a duration that is not negative, got '" + d + "'");
        }
        return d;
    }
}
