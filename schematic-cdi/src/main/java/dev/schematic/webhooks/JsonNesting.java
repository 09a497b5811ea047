package dev.schematic.webhooks;

/**
 * Measures how deeply a JSON text nests arrays and objects, without parsing it and without recursion, so that a
 * hostile body cannot make a recursive parser or binder overflow the stack. Brackets inside strings do not count.
 */
final class JsonNesting {
    private JsonNesting() {}

    /** Whether {@code json} opens more than {@code limit} arrays or objects inside one another. */
    static boolean deeperThan(byte[] json, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (byte b : json) {
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > limit) {
                    return true;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return false;
    }
}
