package dev.schematic.quarkus.deployment;

import dev.schematic.testkit.FakeSchematic;
import io.quarkus.deployment.builditem.Startable;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The test kit's fake Schematic as a Dev Service: in-process, on 127.0.0.1, optionally seeded from a file. */
final class FakeSchematicService implements Startable {
    /** The running fake, for the Dev UI card's flag switches (one Dev Services fake per application). */
    private static final AtomicReference<FakeSchematic> RUNNING = new AtomicReference<>();

    private final int port;
    private final Optional<Path> flagsFile;
    private volatile FakeSchematic fake;

    FakeSchematicService(int port, Optional<Path> flagsFile) {
        this.port = port;
        this.flagsFile = flagsFile;
    }

    @Override
    public void start() {
        FakeSchematic started = FakeSchematic.start(port);
        try {
            flagsFile.ifPresent(started::seed);
        } catch (RuntimeException e) {
            started.close();
            throw new IllegalStateException(
                    "Dev Services for Schematic: cannot seed the fake from quarkus.schematic.devservices.flags-file="
                            + flagsFile.get() + ": " + e.getMessage(),
                    e);
        }
        fake = started;
        RUNNING.set(started);
    }

    /** The fake Dev Services started, if one is running. */
    static Optional<FakeSchematic> running() {
        return Optional.ofNullable(RUNNING.get()).filter(f -> !f.isClosed());
    }

    /** {@code http://127.0.0.1:<port>}: the API and the event capture endpoint. */
    @Override
    public String getConnectionInfo() {
        return fake.baseUrl();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    int flagCount() {
        return fake.flags().size();
    }

    @Override
    public void close() {
        FakeSchematic running = fake;
        if (running != null) {
            RUNNING.compareAndSet(running, null);
            running.close();
        }
    }
}
