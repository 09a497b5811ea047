package dev.schematic.internal.http;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers a warm-up request ({@link #warmUp}) itself, before any connection: the request goes through the REST
 * client's runtime, which Jersey builds on a client's first request (looking up its providers in the server's jars),
 * but nothing leaves the process. A warm-up request is recognised by its body (the very object passed to {@link
 * #warmUp}, by identity, on any thread); every other request passes untouched. Registered first on every SDK client.
 */
public final class WarmUpFilter implements ClientRequestFilter {
    /** Runs before any other request filter (a server's telemetry filter, a customizer's). */
    static final int PRIORITY = Integer.MIN_VALUE;

    private static final Set<Object> BODIES =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    /** Warm-ups in progress: read without a lock, so an ordinary request never touches the set's monitor. */
    private static final AtomicInteger PENDING = new AtomicInteger();

    /** Runs {@code request}, which must send {@code body}; that request is answered 202 here, with no network I/O. */
    public static void warmUp(Object body, Runnable request) {
        BODIES.add(body);
        PENDING.incrementAndGet();
        try {
            request.run();
        } finally {
            PENDING.decrementAndGet();
            BODIES.remove(body);
        }
    }

    @Override
    public void filter(ClientRequestContext request) {
        if (PENDING.get() != 0 && request.hasEntity() && BODIES.contains(request.getEntity())) {
            request.abortWith(Response.accepted().build());
        }
    }
}
