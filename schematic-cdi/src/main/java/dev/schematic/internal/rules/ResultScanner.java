package dev.schematic.internal.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The fast decoder of the engine's result (datastream.md §6.5): one pass over the camelCase members that the module
 * writes, straight into a {@link RulesResult}, without building a JSON tree. Only the common shape is handled here:
 * camelCase names, each at most once, strings of well-formed UTF-8 with the JSON escapes, integers without fraction or
 * exponent.
 * For anything else (and for malformed output) it answers {@code null} and {@link ResultReader} decodes the output in
 * full, so the answer and every error message stay those of the general reader.
 */
final class ResultScanner {
    private static final int VALUE = 1;
    private static final int REASON = 1 << 1;

    private final byte[] in;
    private int pos;
    /** Set when a value is not of the common shape. */
    private boolean failed;

    private ResultScanner(byte[] in) {
        this.in = in;
    }

    /** The result, or {@code null} when the output is not of the common shape. */
    static RulesResult read(byte[] out) {
        try {
            return new ResultScanner(out).result();
        } catch (RuntimeException | ResultReader.MalformedOutput e) {
            return null; // e.g. out of bounds on truncated output: the full reader says what is wrong
        }
    }

    private RulesResult result() throws ResultReader.MalformedOutput {
        skipWs();
        if (in[pos++] != '{') {
            return null;
        }
        int seen = 0;
        Boolean value = null;
        String reason = null;
        String flagKey = null;
        String flagId = null;
        String companyId = null;
        String userId = null;
        String ruleId = null;
        String ruleType = null;
        String err = null;
        RulesEntitlement entitlement = null;
        Long allocation = null;
        Long usage = null;
        String usageEvent = null;
        String usagePeriod = null;
        Instant resetAt = null;
        skipWs();
        if (in[pos] == '}') {
            return null;
        }
        while (true) {
            skipWs();
            int bit = name();
            if (bit == 0 || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            skipWs();
            if (in[pos++] != ':') {
                return null;
            }
            skipWs();
            switch (bit) {
                case VALUE -> {
                    if (match("true")) {
                        value = Boolean.TRUE;
                    } else if (match("false")) {
                        value = Boolean.FALSE;
                    } else {
                        return null;
                    }
                }
                case REASON -> reason = string();
                case 1 << 2 -> flagKey = string();
                case 1 << 3 -> flagId = string();
                case 1 << 4 -> companyId = string();
                case 1 << 5 -> userId = string();
                case 1 << 6 -> ruleId = string();
                case 1 << 7 -> ruleType = string();
                case 1 << 8 -> err = string();
                case 1 << 9 -> allocation = integer();
                case 1 << 10 -> usage = integer();
                case 1 << 11 -> usageEvent = string();
                case 1 << 12 -> usagePeriod = string();
                case 1 << 13 -> {
                    String s = string();
                    resetAt = s == null ? null : UtcTimestamps.parse(s);
                }
                case 1 << 14 -> entitlement = entitlement();
                default -> {
                    return null;
                }
            }
            if (failed) {
                return null;
            }
            skipWs();
            byte b = in[pos++];
            if (b == '}') {
                break;
            }
            if (b != ',') {
                return null;
            }
        }
        skipWs();
        if (pos != in.length || value == null || reason == null) {
            return null;
        }
        return new RulesResult(
                value,
                reason,
                flagKey,
                flagId,
                companyId,
                userId,
                ruleId,
                ruleType,
                err,
                entitlement,
                allocation,
                usage,
                usageEvent,
                usagePeriod,
                resetAt,
                null);
    }

    /** The member's bit, or 0 for a name this scanner does not handle. */
    private int name() {
        if (in[pos] != '"') {
            return 0;
        }
        int start = pos + 1;
        int end = start;
        while (in[end] != '"') {
            if (in[end] == '\\' || in[end] < 0) {
                return 0;
            }
            end++;
        }
        pos = end + 1;
        return switch (end - start) {
            case 3 -> is(start, "err") ? 1 << 8 : 0;
            case 5 -> is(start, "value") ? VALUE : 0;
            case 6 -> six(start);
            case 7 -> is(start, "flagKey") ? 1 << 2 : 0;
            case 8 -> is(start, "ruleType") ? 1 << 7 : 0;
            case 9 -> is(start, "companyId") ? 1 << 4 : 0;
            case 11 -> is(start, "entitlement") ? 1 << 14 : 0;
            case 12 -> is(start, "featureUsage") ? 1 << 10 : 0;
            case 17 -> is(start, "featureAllocation") ? 1 << 9 : is(start, "featureUsageEvent") ? 1 << 11 : 0;
            case 18 -> is(start, "featureUsagePeriod") ? 1 << 12 : 0;
            case 19 -> is(start, "featureUsageResetAt") ? 1 << 13 : 0;
            default -> 0;
        };
    }

    private int six(int start) {
        if (is(start, "reason")) {
            return REASON;
        }
        if (is(start, "flagId")) {
            return 1 << 3;
        }
        if (is(start, "ruleId")) {
            return 1 << 6;
        }
        return is(start, "userId") ? 1 << 5 : 0;
    }

    private boolean is(int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (in[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean match(String literal) {
        if (!is(pos, literal)) {
            return false;
        }
        pos += literal.length();
        return true;
    }

    /** A string or {@code null}; sets {@link #failed} for anything else. */
    private String string() {
        if (match("null")) {
            return null;
        }
        if (in[pos] != '"') {
            failed = true;
            return null;
        }
        int start = ++pos;
        boolean ascii = true;
        while (true) {
            byte b = in[pos];
            if (b == '"') {
                pos++;
                return ascii
                        ? new String(in, start, pos - 1 - start, StandardCharsets.ISO_8859_1)
                        : utf8(start, pos - 1 - start);
            }
            if (b == '\\') {
                return escaped(start, ascii);
            }
            if (b < 0) {
                ascii = false; // UTF-8, checked at the end
            } else if (b < 0x20) {
                failed = true; // control characters: the full reader
                return null;
            }
            pos++;
        }
    }

    /**
     * Non-ASCII text, decoded only when it is well-formed UTF-8 (the module writes nothing else): a malformed sequence
     * decodes to U+FFFD, and any U+FFFD (even an encoded one) sends the output to the full reader, so its answer or
     * error stays the one given.
     */
    private String utf8(int start, int length) {
        String s = new String(in, start, length, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            failed = true;
            return null;
        }
        return s;
    }

    /** The rest of a string with escapes, from the first backslash; text runs are decoded as in {@link #string()}. */
    private String escaped(int start, boolean ascii) {
        StringBuilder sb = new StringBuilder(pos - start + 16);
        int run = start;
        while (true) {
            byte b = in[pos];
            if (b == '"' || b == '\\') {
                String text =
                        ascii ? new String(in, run, pos - run, StandardCharsets.ISO_8859_1) : utf8(run, pos - run);
                if (text == null) {
                    return null;
                }
                sb.append(text);
                pos++;
                if (b == '"') {
                    return sb.toString();
                }
                if (!escape(sb)) {
                    failed = true; // malformed: the full reader says so
                    return null;
                }
                run = pos;
                ascii = true;
            } else if (b < 0) {
                ascii = false;
                pos++;
            } else if (b < 0x20) {
                failed = true;
                return null;
            } else {
                pos++;
            }
        }
    }

    /** Appends the escape after a backslash; false when it is not one JSON allows. */
    private boolean escape(StringBuilder sb) {
        byte e = in[pos++];
        switch (e) {
            case '"', '\\', '/' -> sb.append((char) e);
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(in[pos++], 16);
                    if (d < 0) {
                        return false;
                    }
                    v = (v << 4) | d;
                }
                sb.append((char) v);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** An integer or {@code null} (no fraction, no exponent, at most 18 digits). */
    private Long integer() {
        if (match("null")) {
            return null;
        }
        boolean negative = in[pos] == '-';
        int i = negative ? pos + 1 : pos;
        int digitsStart = i;
        long v = 0;
        while (in[i] >= '0' && in[i] <= '9') {
            v = v * 10 + (in[i] - '0');
            i++;
        }
        int digits = i - digitsStart;
        byte next = in[i];
        if (digits == 0
                || digits > 18
                || (digits > 1 && in[digitsStart] == '0')
                || next == '.'
                || next == 'e'
                || next == 'E') {
            failed = true;
            return null;
        }
        pos = i;
        return negative ? -v : v;
    }

    /** The entitlement object (rare enough to go through the tree reader), or {@code null}. */
    private RulesEntitlement entitlement() throws ResultReader.MalformedOutput {
        if (match("null")) {
            return null;
        }
        if (in[pos] != '{') {
            failed = true;
            return null;
        }
        int start = pos;
        int depth = 0;
        while (true) {
            byte b = in[pos++];
            if (b == '"') {
                while (in[pos] != '"') {
                    pos += in[pos] == '\\' ? 2 : 1;
                }
                pos++;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                break;
            }
        }
        Object tree = MiniJson.parse(in, start, pos - start);
        return ResultReader.entitlement(tree);
    }

    private void skipWs() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }
}
