package dev.schematic.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits request paths and path templates into segments. */
final class PathSegments {
    private PathSegments() {}

    /** Splits a path into (optionally percent-decoded) segments, dropping empty ones ({@code //}, trailing {@code /}). */
    static String[] split(String path, boolean decode) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode ? percentDecode(s) : s);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
