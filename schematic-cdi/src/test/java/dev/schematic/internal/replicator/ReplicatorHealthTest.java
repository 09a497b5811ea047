package dev.schematic.internal.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.ReplicatorStatus;
import dev.schematic.testkit.FakeReplicator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The readiness poll of datastream.md §4.3 against the fake replicator's endpoint (no store needed). */
class ReplicatorHealthTest {

    @Test
    void bodiesAreParsedWhateverTheContentTypeAndBothVersionSpellingsCount() {
        var b = ReplicatorHealth.parse("{\"status\":\"healthy\",\"ready\":true,\"connected\":true,"
                + "\"components\":{\"redis\":\"connected\",\"datastream\":\"ready\"},"
                + "\"cache_version\":\"1a2b3c4d\",\"timestamp\":\"2026-08-01T12:00:00.123456Z\"}");
        assertTrue(b.ready());
        assertEquals("1a2b3c4d", b.cacheVersion());
        assertEquals("ready", b.datastream());
        assertEquals("connected", b.redis());
        assertEquals(
                "99",
                ReplicatorHealth.parse("{\"ready\":true,\"cacheVersion\":\"99\"}")
                        .cacheVersion());
        assertFalse(ReplicatorHealth.parse("{\"ready\":\"true\"}").ready(), "only JSON true");
        assertNull(ReplicatorHealth.parse("{}").cacheVersion());
        assertThrows(IllegalArgumentException.class, () -> ReplicatorHealth.parse("[1]"));
        assertThrows(RuntimeException.class, () -> ReplicatorHealth.parse("<html>oops</html>"));
    }

    @Test
    void pollsFollowTheEndpointAndKeepTheVersionOnErrors() {
        try (FakeReplicator r = FakeReplicator.start("127.0.0.1", 1)) {
            List<ReplicatorStatus> seen = new CopyOnWriteArrayList<>();
            try (ReplicatorHealth h = new ReplicatorHealth(URI.create(r.healthUrl()), Duration.ofHours(1), seen::add)) {
                assertFalse(h.status().ready());
                assertNull(h.status().checkedAt());

                r.contentType("text/html");
                ReplicatorStatus s = h.poll();
                assertTrue(s.ready(), s::describe);
                assertEquals(200, s.httpStatus());
                assertEquals(FakeReplicator.DEFAULT_CACHE_VERSION, s.cacheVersion());

                r.ready(false);
                s = h.poll();
                assertFalse(s.ready());
                assertEquals(503, s.httpStatus());
                assertEquals("disconnected", s.datastream());

                r.ready(true).healthBody("{\"ready\":true,\"cache_version\":\"\"}");
                s = h.poll();
                assertTrue(s.ready());
                assertEquals(FakeReplicator.DEFAULT_CACHE_VERSION, s.cacheVersion(), "empty keeps the old one");

                r.healthBody("{\"ready\":false,\"cache_version\":\"v2\"}");
                s = h.poll();
                assertFalse(s.ready(), "200 with ready false");
                assertEquals("v2", s.cacheVersion(), "a version is taken from any answer");

                r.healthBody("not json");
                s = h.poll();
                assertFalse(s.ready());
                assertNotNull(s.error());
                assertTrue(s.error().contains("not a JSON object"), s.error());
                assertEquals("v2", s.cacheVersion());

                r.healthDown();
                s = h.poll();
                assertFalse(s.ready());
                assertEquals(0, s.httpStatus());
                assertTrue(s.describe().contains("unreachable"), s.describe());
                assertEquals("v2", s.cacheVersion());
                assertEquals(6, s.polls());
                assertEquals(6, seen.size(), "the listener hears every poll");
            }
        }
    }

    @Test
    void theFirstPollIsAtStartThenEveryInterval() throws Exception {
        try (FakeReplicator r = FakeReplicator.start("127.0.0.1", 1)) {
            try (ReplicatorHealth h =
                    new ReplicatorHealth(URI.create(r.healthUrl()), Duration.ofMillis(150), s -> {})) {
                h.start();
                assertTrue(ReplicatorClients.eventually(() -> r.polls() >= 1));
                long t0 = System.nanoTime();
                assertTrue(ReplicatorClients.eventually(() -> r.polls() >= 4));
                long elapsed = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(elapsed >= 300, "three intervals of 150 ms took " + elapsed + " ms");
            }
            long after = r.polls();
            Thread.sleep(400);
            assertEquals(after, r.polls(), "closed: no more polls");
        }
    }
}
