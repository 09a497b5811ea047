package dev.schematic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code {"error": "..."}} text out of an API error body without a JSON library on the hot path. */
final class ErrorBodies {
    private static final Pattern ERROR_FIELD = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int MAX_TEXT = 500;

    private ErrorBodies() {}

    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        Matcher m = ERROR_FIELD.matcher(body);
        String text = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : body.strip();
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }
}
