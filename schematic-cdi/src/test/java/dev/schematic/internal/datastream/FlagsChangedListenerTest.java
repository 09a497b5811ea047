package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagsChanged;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Schematic#onFlagsChanged}: fed by the DataStream messages that change flag definitions (docs/datastream.md). */
class FlagsChangedListenerTest {
    FakeSchematic fake;
    FakeDataStream ds;
    Schematic schematic;
    final BlockingQueue<FlagsChanged> changes = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false));
        ds.flag(flag("beta", true));
    }

    @AfterEach
    void stop() {
        if (schematic != null) {
            schematic.close();
        }
        fake.close();
    }

    private FlagsChanged next() throws InterruptedException {
        FlagsChanged c = changes.poll(20, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("no FlagsChanged within 20 s; " + schematic.dataStream());
        }
        return c;
    }

    private void ready() {
        if (schematic == null) {
            schematic = LocalClients.against(fake).build();
        }
        assertTrue(schematic.awaitReady(Duration.ofSeconds(20)), () -> "not ready: " + schematic.dataStream());
    }

    @Test
    void theFirstSnapshotAnnouncesEveryFlag() throws Exception {
        ds.answerFlagRequests(false); // no snapshot until the listener is registered
        schematic = LocalClients.against(fake).build();
        schematic.onFlagsChanged(changes::add);
        ds.answerFlagRequests(true);
        assertTrue(ds.awaitConnectionCount(1, Duration.ofSeconds(20)), "connected");
        ds.sendFlagsSnapshot();
        ready();
        FlagsChanged first = next();
        assertEquals(Set.of("new-ui", "beta"), first.keys());
        assertEquals(Set.of(), first.removed());
    }

    @Test
    void aPushedChangedFlagIsAnnouncedAfterItIsStored() throws Exception {
        ready();
        BlockingQueue<Boolean> seenInListener = new LinkedBlockingQueue<>();
        schematic.onFlagsChanged(c -> {
            changes.add(c);
            seenInListener.add(schematic.checkFlag("new-ui"));
        });
        ds.flag(flag("new-ui", false, rule("r1", "global_override", true)));
        FlagsChanged c = next();
        assertEquals(Set.of("new-ui"), c.keys());
        assertEquals(Boolean.TRUE, seenInListener.poll(5, TimeUnit.SECONDS), "a check in the listener sees the change");
    }

    @Test
    void aDeletedFlagIsAnnouncedAsRemoved() throws Exception {
        ready();
        schematic.onFlagsChanged(changes::add);
        ds.removeFlag("beta");
        FlagsChanged c = next();
        assertEquals(Set.of("beta"), c.keys());
        assertEquals(Set.of("beta"), c.removed());
    }

    @Test
    void aRepeatedSnapshotAnnouncesOnlyWhatDiffers() throws Exception {
        ready();
        schematic.onFlagsChanged(changes::add);
        ds.sendFlagsSnapshot(); // same definitions: nothing to announce
        ds.flag(flag("added", true)); // then one new flag
        FlagsChanged c = next();
        assertEquals(Set.of("added"), c.keys(), "the identical snapshot was not announced");
        assertNull(changes.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void theAsyncClientRegistersOnTheSameListeners() throws Exception {
        ready();
        FlagsChanged.Registration r = schematic.async().onFlagsChanged(changes::add);
        ds.flag(flag("async-added", true));
        assertEquals(Set.of("async-added"), next().keys());
        r.close();
        ds.flag(flag("after-close", true));
        assertNull(changes.poll(500, TimeUnit.MILLISECONDS), "a closed async registration is not called");
    }

    @Test
    void aClosedRegistrationIsNotCalledAndAFailingListenerDoesNotStopOthers() throws Exception {
        ready();
        List<FlagsChanged> afterClose = new java.util.concurrent.CopyOnWriteArrayList<>();
        FlagsChanged.Registration r = schematic.onFlagsChanged(afterClose::add);
        schematic.onFlagsChanged(c -> {
            throw new IllegalStateException("listener bug");
        });
        schematic.onFlagsChanged(changes::add);
        r.close();
        r.close(); // idempotent
        ds.flag(flag("new-ui", true));
        assertEquals(Set.of("new-ui"), next().keys());
        assertTrue(afterClose.isEmpty(), () -> "closed registration called: " + afterClose);
        assertFalse(schematic.dataStream().state().name().equals("ERROR"));
    }

    @Test
    void withoutDataStreamTheListenerIsAcceptedAndNeverCalled() {
        try (Schematic rest = Schematic.builder()
                .apiKey(LocalClients.API_KEY)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .build()) {
            FlagsChanged.Registration r = rest.onFlagsChanged(changes::add);
            r.close();
            assertThrows(NullPointerException.class, () -> rest.onFlagsChanged(null));
        }
        assertThrows(IllegalArgumentException.class, () -> new FlagsChanged(Set.of("a"), Set.of("b")));
    }
}
