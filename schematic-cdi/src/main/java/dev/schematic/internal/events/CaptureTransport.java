package dev.schematic.internal.events;

import dev.schematic.internal.http.RestClients;
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

    @Override
    public void send(List<CaptureEvent> batch) {
        CaptureApi capture = clients.client(CaptureApi.class, captureUrl, timeout);
        try (Response response = capture.sendBatch(new CaptureBatch(batch))) {
            // non-2xx answers are thrown by the error mapper; the body is not needed
        }
    }
}
