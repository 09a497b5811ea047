package dev.schematic.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for the engine's output and for the few fields read from inputs on the failure path.
 * Objects become {@link LinkedHashMap}, arrays {@link ArrayList}, strings {@link String}, integral numbers that fit
 * {@link Long}, other numbers {@link Double}, {@code true}/{@code false} {@link Boolean} and {@code null} {@link #NULL}
 * (so that "absent" and "null" can be told apart with {@link Map#get}).
 */
final class MiniJson {
    /** The JSON {@code null} value. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 512;

    private final byte[] in;
    private final int end;
    private int pos;
    private final StringBuilder sb = new StringBuilder(32);

    private MiniJson(byte[] in, int off, int len) {
        this.in = in;
        this.pos = off;
        this.end = off + len;
    }

    static final class JsonException extends RuntimeException {
        JsonException(String message) {
            super(message, null, false, false);
        }
    }

    static Object parse(byte[] utf8) {
        return parse(utf8, 0, utf8.length);
    }

    static Object parse(byte[] utf8, int off, int len) {
        MiniJson p = new MiniJson(utf8, off, len);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.pos != p.end) {
            throw p.error("trailing characters");
        }
        return v;
    }

    static Object parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private JsonException error(String what) {
        return new JsonException(what + " at offset " + pos);
    }

    private void skipWs() {
        while (pos < end) {
            byte b = in[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    private Object value(int depth) {
        if (pos >= end) {
            throw error("unexpected end of input");
        }
        if (depth > MAX_DEPTH) {
            throw error("nesting too deep");
        }
        byte b = in[pos];
        switch (b) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + (char) (b & 0xff) + "'");
        }
    }

    private void literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            throw error("bad literal");
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw error("bad literal");
            }
        }
        pos += n;
    }

    private Map<String, Object> object(int depth) {
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWs();
        if (pos < end && in[pos] == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWs();
            if (pos >= end || in[pos] != '"') {
                throw error("expected a member name");
            }
            String key = string();
            skipWs();
            if (pos >= end || in[pos] != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWs();
            map.put(key, value(depth + 1));
            skipWs();
            if (pos >= end) {
                throw error("unterminated object");
            }
            byte b = in[pos++];
            if (b == '}') {
                return map;
            }
            if (b != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWs();
        if (pos < end && in[pos] == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWs();
            list.add(value(depth + 1));
            skipWs();
            if (pos >= end) {
                throw error("unterminated array");
            }
            byte b = in[pos++];
            if (b == ']') {
                return list;
            }
            if (b != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // Fast path: plain ASCII without escapes.
        while (pos < end) {
            byte b = in[pos];
            if (b == '"') {
                String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
                pos++;
                return s;
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            pos++;
        }
        pos = start;
        sb.setLength(0);
        while (true) {
            if (pos >= end) {
                throw error("unterminated string");
            }
            int b = in[pos] & 0xff;
            if (b == '"') {
                pos++;
                return sb.toString();
            }
            if (b < 0x20) {
                throw error("control character in string");
            }
            if (b == '\\') {
                pos++;
                if (pos >= end) {
                    throw error("unterminated escape");
                }
                byte e = in[pos++];
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> sb.append(hex4());
                    default -> throw error("bad escape");
                }
            } else if (b < 0x80) {
                sb.append((char) b);
                pos++;
            } else {
                int cp;
                int extra;
                if ((b & 0xe0) == 0xc0) {
                    cp = b & 0x1f;
                    extra = 1;
                } else if ((b & 0xf0) == 0xe0) {
                    cp = b & 0x0f;
                    extra = 2;
                } else if ((b & 0xf8) == 0xf0) {
                    cp = b & 0x07;
                    extra = 3;
                } else {
                    throw error("invalid UTF-8");
                }
                if (pos + extra >= end) {
                    throw error("truncated UTF-8");
                }
                for (int i = 1; i <= extra; i++) {
                    int c = in[pos + i] & 0xff;
                    if ((c & 0xc0) != 0x80) {
                        throw error("invalid UTF-8");
                    }
                    cp = (cp << 6) | (c & 0x3f);
                }
                pos += extra + 1;
                sb.appendCodePoint(cp);
            }
        }
    }

    private char hex4() {
        if (end - pos < 4) {
            throw error("bad unicode escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int c = in[pos++];
            int d = Character.digit(c, 16);
            if (d < 0) {
                throw error("bad unicode escape");
            }
            v = (v << 4) | d;
        }
        return (char) v;
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        if (in[pos] == '-') {
            pos++;
        }
        int digits = 0;
        while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw error("bad number");
        }
        if (pos < end && in[pos] == '.') {
            integral = false;
            pos++;
            int frac = 0;
            while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                frac++;
            }
            if (frac == 0) {
                throw error("bad number");
            }
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            int exp = 0;
            while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
                pos++;
                exp++;
            }
            if (exp == 0) {
                throw error("bad number");
            }
        }
        String text = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        if (integral && digits <= 18) {
            return Long.parseLong(text);
        }
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                return Double.parseDouble(text);
            }
        }
        return Double.parseDouble(text);
    }
}
