package dev.schematic.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What a test programmed the fake to do instead of answering normally: failures, delays and custom responses. */
final class FaultInjection {
    private final CopyOnWriteArrayList<Failure> failures = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Duration> delays = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Responder> responders = new CopyOnWriteArrayList<>();

    void clear() {
        failures.clear();
        delays.clear();
        responders.clear();
    }

    void failNext(String pathPrefix, int times, int status, String retryAfter) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        if (times > 0) {
            failures.add(new Failure(pathPrefix, new AtomicInteger(times), status, retryAfter));
        }
    }

    void delay(String pathPrefix, Duration d) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (d == null || d.isZero() || d.isNegative()) {
            delays.remove(pathPrefix);
        } else {
            delays.put(pathPrefix, d);
        }
    }

    void respond(String method, String pathTemplate, int status, String jsonBody, Map<String, String> headers) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        Responder r = new Responder(
                method.toUpperCase(Locale.ROOT),
                pathTemplate,
                PathSegments.split(pathTemplate, false),
                new Response(status, body, Map.copyOf(headers)).unchecked());
        responders.removeIf(x -> x.method.equals(r.method) && x.template.equals(r.template));
        responders.add(0, r);
    }

    /** A programmed failure for this path, consuming one, or null. */
    Response takeFailure(String path) {
        for (Failure f : failures) {
            if (f.tryTake(path)) {
                if (f.remaining().get() <= 0) {
                    failures.remove(f);
                }
                return f.response();
            }
        }
        return null;
    }

    /** The custom response registered for this request, or null. */
    Response responderFor(String method, String[] segments) {
        for (Responder r : responders) {
            if (r.matches(method, segments)) {
                return r.response();
            }
        }
        return null;
    }

    /** The delay of the longest matching prefix, or null. */
    Duration delayFor(String path) {
        if (delays.isEmpty()) {
            return null;
        }
        String best = null;
        for (String prefix : delays.keySet()) {
            if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : delays.get(best);
    }

    private record Failure(String pathPrefix, AtomicInteger remaining, int status, String retryAfter) {
        boolean tryTake(String path) {
            if (!path.startsWith(pathPrefix)) {
                return false;
            }
            while (true) {
                int left = remaining.get();
                if (left <= 0) {
                    return false;
                }
                if (remaining.compareAndSet(left, left - 1)) {
                    return true;
                }
            }
        }

        Response response() {
            Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
            return new Response(
                    status, JsonSupport.bytes(JsonSupport.error(Response.reasonPhrase(status))), headers, false);
        }
    }

    private record Responder(String method, String template, String[] segments, Response response) {
        boolean matches(String requestMethod, String[] path) {
            if (!method.equals("*") && !method.equals(requestMethod)) {
                return false;
            }
            if (segments.length != path.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                boolean variable = s.length() >= 2 && s.charAt(0) == '{' && s.charAt(s.length() - 1) == '}';
                if (!variable && !s.equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
