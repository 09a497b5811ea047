package dev.schematic.internal.events;

import dev.schematic.internal.http.JsonMapping;
import dev.schematic.internal.http.RestClients;
import dev.schematic.internal.http.WarmUpFilter;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Sends one batch of events to the capture service ({@code POST /batch}); the buffer decides about retries. */
public final class CaptureTransport implements EventSender {
    private final RestClients clients;
    private final URI captureUrl;
    private final Duration timeout;

    public CaptureTransport(RestClients clients, URI captureUrl, Duration timeout) {
        this.clients = clients;
        this.captureUrl = captureUrl;
        this.timeout = timeout;
    }

    /**
     * Builds the capture client, its JAX-RS runtime and the JSON-B it writes with now, on the calling (application)
     * thread, instead of on the first send. All three look up providers through the server's jars (ServiceLoader); a
     * server that deletes its jars while stopping (Payara Micro) made a first send during shutdown fail for good.
     * Jersey builds a client's runtime only on its first request, so this makes one request whose body {@link
     * WarmUpFilter} recognises and answers itself: nothing is sent, nothing is counted as an event.
     */
    public void prepare() {
        CaptureApi capture = clients.client(CaptureApi.class, captureUrl, timeout);
        JsonMapping.jsonb();
        CaptureBatch nothing = new CaptureBatch(List.of());
        WarmUpFilter.warmUp(nothing, () -> {
            try (Response answered = capture.sendBatch(nothing)) {
                // answered 202 by WarmUpFilter before any connection
            }
        });
    }

    @Override
    public void send(List<CaptureEvent> batch) {
        CaptureApi capture = clients.client(CaptureApi.class, captureUrl, timeout);
        try (Response response = capture.sendBatch(new CaptureBatch(batch))) {
            // non-2xx answers are thrown by the error mapper; the body is not needed
        }
    }
}
