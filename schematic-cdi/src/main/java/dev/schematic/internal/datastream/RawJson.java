package dev.schematic.internal.datastream;

import java.util.ArrayList;
import java.util.List;

/**
 * Slices of a message's text that JSON-P has already parsed (so it is valid JSON): a top-level member's value, or the
 * elements of a top-level array member, as they were sent. Storing a flag as the server sent it spares serialising the
 * parsed tree again, which in a cold JVM was the larger half of storing the 1,000-flag snapshot (issue 20). Returns
 * {@code null} when the member is not there as expected (the caller then serialises the parsed value instead).
 */
final class RawJson {
    private RawJson() {}

    /** The raw text of the top-level member {@code name} of the object {@code text}; {@code null} when absent. */
    static String member(String text, String name) {
        try {
            int[] span = find(text, name);
            return span == null ? null : text.substring(span[0], span[1]);
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * The raw texts of the elements of the top-level array member {@code name} of the object {@code text}, in order;
     * {@code null} when the member is absent or not an array.
     */
    static List<String> elements(String text, String name) {
        try {
            int[] span = find(text, name);
            if (span == null || text.charAt(span[0]) != '[') {
                return null;
            }
            List<String> out = new ArrayList<>();
            int i = skipWhitespace(text, span[0] + 1);
            if (text.charAt(i) == ']') {
                return out;
            }
            while (true) {
                int end = skipValue(text, i);
                out.add(text.substring(i, end));
                i = skipWhitespace(text, end);
                char c = text.charAt(i);
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    return null;
                }
                i = skipWhitespace(text, i + 1);
            }
        } catch (IndexOutOfBoundsException e) {
            return null;
        }
    }

    /**
     * [start, end) of the value of the top-level member {@code name}, or {@code null}. The last one when the name is
     * repeated, as JSON-P keeps the last.
     */
    private static int[] find(String text, String name) {
        int i = skipWhitespace(text, 0);
        if (text.charAt(i) != '{') {
            return null;
        }
        i = skipWhitespace(text, i + 1);
        if (text.charAt(i) == '}') {
            return null;
        }
        int[] found = null;
        while (true) {
            if (text.charAt(i) != '"') {
                return null;
            }
            int keyEnd = skipString(text, i);
            if (hasEscape(text, i + 1, keyEnd - 1)) {
                // a key spelled with escapes may be the same name: the caller falls back to the parsed value
                return null;
            }
            boolean match = keyEnd - i - 2 == name.length() && text.startsWith(name, i + 1);
            i = skipWhitespace(text, keyEnd);
            if (text.charAt(i) != ':') {
                return null;
            }
            int start = skipWhitespace(text, i + 1);
            int end = skipValue(text, start);
            if (match) {
                found = new int[] {start, end};
            }
            i = skipWhitespace(text, end);
            if (text.charAt(i) == '}') {
                return found;
            }
            if (text.charAt(i) != ',') {
                return null;
            }
            i = skipWhitespace(text, i + 1);
        }
    }

    private static boolean hasEscape(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\\') {
                return true;
            }
        }
        return false;
    }

    /** The index after the value starting at {@code i}. */
    private static int skipValue(String text, int i) {
        char c = text.charAt(i);
        if (c == '"') {
            return skipString(text, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (true) {
                c = text.charAt(i);
                if (c == '"') {
                    i = skipString(text, i);
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return i + 1;
                    }
                }
                i++;
            }
        }
        // number, true, false, null
        while (i < text.length()) {
            c = text.charAt(i);
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                break;
            }
            i++;
        }
        return i;
    }

    /** The index after the string whose opening quote is at {@code i}. */
    private static int skipString(String text, int i) {
        i++;
        while (true) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
    }

    private static int skipWhitespace(String text, int i) {
        while (true) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
            i++;
        }
    }
}
