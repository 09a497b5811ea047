package dev.schematic.internal.config;

import java.net.URI;
import java.util.Locale;

/** Derives the WebSocket URL from the REST base URL (datastream.md §1.1). */
public final class DataStreamUrl {
    private DataStreamUrl() {}

    /**
     * {@code https://api.schematichq.com} → {@code wss://datastream.schematichq.com/datastream}: the scheme becomes
     * ws(s), a first host label {@code api} becomes {@code datastream}, the path becomes {@code /datastream}, query and
     * any base path are dropped, an explicit port is kept. A ws(s) URL is used as is, {@code /datastream} appended
     * unless it already ends so.
     *
     * @throws IllegalArgumentException for other schemes or a URL without a host
     */
    public static URI derive(URI base) {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        String host = base.getHost();
        if (host == null) {
            throw new IllegalArgumentException("not a URL with a host: " + base);
        }
        if (scheme.equals("ws") || scheme.equals("wss")) {
            String path = base.getRawPath() == null ? "" : base.getRawPath();
            if (!path.endsWith("/datastream")) {
                path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/datastream";
            }
            return URI.create(scheme + "://" + authority(host, base.getPort()) + path);
        }
        String ws = switch (scheme) {
            case "https" -> "wss";
            case "http" -> "ws";
            default -> throw new IllegalArgumentException("expected an http(s) or ws(s) URL, got " + base);
        };
        String[] labels = host.split("\\.");
        if (labels.length >= 2 && labels[0].equals("api")) {
            host = "datastream" + host.substring(3);
        }
        return URI.create(ws + "://" + authority(host, base.getPort()) + "/datastream");
    }

    private static String authority(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return port < 0 ? h : h + ":" + port;
    }
}
