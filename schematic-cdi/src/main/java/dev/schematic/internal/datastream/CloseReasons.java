package dev.schematic.internal.datastream;

import jakarta.websocket.CloseReason;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a DataStream socket ended, and whether retrying can help: close code 4001 (unauthorized), 4003 and a handshake
 * refused with HTTP 401/403 mean the API key is wrong; every other close or failed connect is retried.
 */
final class CloseReasons {
    static final Set<Integer> DO_NOT_RETRY = Set.of(4001, 4003);
    private static final Pattern HTTP_AUTH_STATUS = Pattern.compile("(?<![:./\\d])(401|403)(?!\\d)");

    private CloseReasons() {}

    /** The close code, {@code 1006} (closed abnormally) when there is none. */
    static int closeCode(CloseReason reason) {
        return reason == null || reason.getCloseCode() == null
                ? CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode()
                : reason.getCloseCode().getCode();
    }

    /** A handshake answered with HTTP 401 or 403 (the API key is wrong): retrying cannot help. */
    static boolean refusedHandshake(String detail) {
        Matcher m = HTTP_AUTH_STATUS.matcher(detail);
        return m.find();
    }

    /** A failure and its causes in one line, with the HTTP status of a refused upgrade when there is one. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 600; t = t.getCause() == t ? null : t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
            Integer status = httpStatus(t);
            if (status != null) {
                sb.append(" (HTTP ").append(status).append(')');
            }
        }
        return sb.toString();
    }

    /** Tyrus's HandshakeException carries the HTTP status of a refused upgrade. */
    private static Integer httpStatus(Throwable t) {
        try {
            Object v = t.getClass().getMethod("getHttpStatusCode").invoke(t);
            return v instanceof Integer i ? i : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
