package dev.schematic.testkit;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of one {@link FakeSchematic} and their lifecycle: the endpoints and logs, the HTTP server that serves
 * them, the port router in front of it and the DataStream started on first use; {@link #reset()} and {@link #close()}
 * of every part. {@link FakeSchematic} is the public facade over these.
 */
final class FakeParts implements AutoCloseable {
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    final EntityTable entities = new EntityTable();
    final FlagEndpoint flags;
    final EventLog events = new EventLog();
    final CaptureEndpoint capture = new CaptureEndpoint(events);
    final RequestLog requests = new RequestLog();
    final FaultInjection faults = new FaultInjection();
    final ContractCheck contract = new ContractCheck();
    final Dispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FakeHttpServer http;
    private final PortRouter router;
    private FakeDataStream dataStream;

    FakeParts(FakeSchematic owner, int port) throws IOException {
        String name = "fake-schematic-" + SERVER_IDS.incrementAndGet();
        this.flags = new FlagEndpoint(owner, entities);
        this.dispatcher = new Dispatcher(requests, faults, capture, flags, new EntityEndpoints(entities), contract);
        this.http = new FakeHttpServer(name, dispatcher, faults::delayFor);
        try {
            this.router = new PortRouter(port, name, http::port, this::dataStreamPort);
        } catch (IOException e) {
            http.close();
            throw e;
        }
    }

    int port() {
        return router.port();
    }

    synchronized FakeDataStream dataStream() {
        if (dataStream == null) {
            dataStream = FakeDataStream.start();
        }
        return dataStream;
    }

    private int dataStreamPort() {
        FakeDataStream ds = dataStream();
        return ds.isRunning() ? ds.port() : -1;
    }

    boolean isClosed() {
        return closed.get();
    }

    void reset() {
        flags.clear();
        entities.clear();
        events.clear();
        capture.clear();
        requests.clear();
        faults.clear();
        contract.clear();
        dispatcher.apiKey(true, null);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            router.close();
            http.close();
            contract.close();
            synchronized (this) {
                if (dataStream != null) {
                    dataStream.close();
                }
            }
        }
    }
}
