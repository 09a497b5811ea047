package dev.schematic.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.rules.RulesInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The embedded store's hand-over from its in-memory map to Infinispan (real Infinispan): nothing written around the
 * move is lost or reordered, lifespans carry over, {@code keys} stays complete, a close during the start stops the
 * cache manager, and a failed start leaves a working store and an ERROR naming the cause.
 */
class HandOverEntityStoreTest {
    private static final int WRITERS = 4;

    @Test
    void concurrentWritesAndCompareAndSetAcrossTheMoveLoseNothing() throws Exception {
        CountDownLatch letInfinispanStart = new CountDownLatch(1);
        HandOverEntityStore store = HandOverEntityStore.start(100_000, 1000, () -> {
            await(letInfinispanStart);
            return new EmbeddedEntityStore(100_000, 1000);
        });
        try (store) {
            store.put(CacheKind.COMPANIES, "counter", RulesInput.of("0"), Duration.ZERO);
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            int[] increments = new int[WRITERS];
            int[] lastWritten = new int[WRITERS];
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int id = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int n = 0; !stop.get() || n < 2_000; n++) {
                            // each writer's own keys: a rewrite of one key, a fresh key, and a removal
                            store.put(
                                    CacheKind.COMPANIES,
                                    "w" + id + ":same",
                                    RulesInput.of(Integer.toString(n)),
                                    Duration.ZERO);
                            store.put(
                                    CacheKind.COMPANIES,
                                    "w" + id + ":k" + n,
                                    RulesInput.of(Integer.toString(n)),
                                    Duration.ofHours(1));
                            if (n % 3 == 0) {
                                store.remove(CacheKind.COMPANIES, "w" + id + ":k" + n);
                            }
                            lastWritten[id] = n;
                            // the shared counter: a read-modify-write through replace, as DataStreamCache does
                            while (true) {
                                RulesInput seen = store.get(CacheKind.COMPANIES, "counter");
                                RulesInput next = RulesInput.of(Integer.toString(Integer.parseInt(seen.json()) + 1));
                                if (store.replace(
                                        CacheKind.COMPANIES,
                                        "counter",
                                        RulesInput.of(seen.json()),
                                        next,
                                        Duration.ZERO)) {
                                    break;
                                }
                            }
                            increments[id]++;
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                writers.add(t);
                t.start();
            }
            Thread.sleep(100); // the writers run on the map first
            assertFalse(store.handedOver());
            letInfinispanStart.countDown();
            assertTrue(store.awaitHandOver(Duration.ofSeconds(60)), store::description);
            stop.set(true);
            for (Thread t : writers) {
                t.join(60_000);
            }
            assertEquals(List.of(), errors);

            EntityStore infinispan = store.infinispan();
            assertNotNull(infinispan, "handed over");
            int total = 0;
            Set<String> expectedKeys = new HashSet<>(Set.of("counter"));
            for (int w = 0; w < WRITERS; w++) {
                total += increments[w];
                assertEquals(
                        Integer.toString(lastWritten[w]),
                        infinispan.get(CacheKind.COMPANIES, "w" + w + ":same").json());
                expectedKeys.add("w" + w + ":same");
                for (int n = 0; n <= lastWritten[w]; n++) {
                    RulesInput v = infinispan.get(CacheKind.COMPANIES, "w" + w + ":k" + n);
                    if (n % 3 == 0) {
                        assertNull(v, "removed w" + w + ":k" + n);
                    } else {
                        assertEquals(Integer.toString(n), v == null ? null : v.json(), "w" + w + ":k" + n);
                        expectedKeys.add("w" + w + ":k" + n);
                    }
                }
            }
            assertEquals(
                    Integer.toString(total),
                    store.get(CacheKind.COMPANIES, "counter").json(),
                    "no increment lost");
            assertEquals(expectedKeys, new HashSet<>(store.keys(CacheKind.COMPANIES, "")));
            assertEquals(
                    expectedKeys.size() - 1,
                    store.keys(CacheKind.COMPANIES, "w").size());
        }
    }

    @Test
    void lifespansCarryOverAndExpiredEntriesAreNotMoved() throws Exception {
        CountDownLatch letInfinispanStart = new CountDownLatch(1);
        try (HandOverEntityStore store = HandOverEntityStore.start(100, 100, () -> {
            await(letInfinispanStart);
            return new EmbeddedEntityStore(100, 100);
        })) {
            RulesInput v = RulesInput.of("{\"id\":\"a\"}");
            store.put(CacheKind.FLAGS, "short", v, Duration.ofMillis(150));
            store.put(CacheKind.FLAGS, "moved-then-expires", v, Duration.ofMillis(900));
            store.put(CacheKind.FLAGS, "forever", v, Duration.ZERO);
            assertSame(v, store.get(CacheKind.FLAGS, "short"));
            assertTrue(eventually(() -> store.get(CacheKind.FLAGS, "short") == null), "expires in the map");
            assertFalse(
                    store.replace(CacheKind.FLAGS, "short", v, v, Duration.ZERO), "an expired entry is not replaced");
            assertEquals(Set.of("moved-then-expires", "forever"), new HashSet<>(store.keys(CacheKind.FLAGS, "")));

            letInfinispanStart.countDown();
            assertTrue(store.awaitHandOver(Duration.ofSeconds(60)));
            EntityStore infinispan = store.infinispan();
            assertNull(infinispan.get(CacheKind.FLAGS, "short"), "expired entries are not moved");
            assertSame(v, infinispan.get(CacheKind.FLAGS, "forever"));
            assertTrue(
                    eventually(() -> infinispan.get(CacheKind.FLAGS, "moved-then-expires") == null),
                    "the remaining lifespan goes with the entry");
            assertSame(v, store.get(CacheKind.FLAGS, "forever"));
        }
    }

    @Test
    void theMapIsBoundedLikeTheCaches() {
        try (HandOverEntityStore store = HandOverEntityStore.start(3, 2, () -> {
            throw new IllegalStateException("not needed here");
        })) {
            for (int i = 0; i < 10; i++) {
                store.put(CacheKind.COMPANIES, "c" + i, RulesInput.of("{}"), Duration.ZERO);
                store.put(CacheKind.FLAGS, "f" + i, RulesInput.of("{}"), Duration.ZERO);
            }
            assertEquals(3, store.keys(CacheKind.COMPANIES, "").size());
            assertEquals(2, store.keys(CacheKind.FLAGS, "").size());
            assertNotNull(store.get(CacheKind.COMPANIES, "c9"), "the newest entry stays");
        }
    }

    @Test
    void closeDuringTheStartStopsTheCacheManagerItMadeAndItsThreads() throws Exception {
        // the first cache manager of a JVM starts JVM-wide threads that outlive every manager (RxJava's
        // RxCachedWorkerPoolEvictor): start one first, so that they are not counted as this store's
        new EmbeddedEntityStore(10, 10).close();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        CountDownLatch entered = new CountDownLatch(1);
        AtomicReference<EmbeddedEntityStore> made = new AtomicReference<>();
        AtomicBoolean closedByStore = new AtomicBoolean();
        HandOverEntityStore store = HandOverEntityStore.start(100, 100, () -> {
            entered.countDown();
            EmbeddedEntityStore s = new EmbeddedEntityStore(100, 100);
            made.set(s);
            return new Delegating(s) {
                @Override
                public void close() {
                    closedByStore.set(true);
                    super.close();
                }
            };
        });
        store.put(CacheKind.FLAGS, "f", RulesInput.of("{}"), Duration.ZERO);
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        store.close(); // while Infinispan is starting: waits for it, then stops it

        assertNotNull(made.get(), "the start ran to its end");
        assertTrue(closedByStore.get(), "the cache manager made after close was stopped");
        assertFalse(store.handedOver());
        assertTrue(eventually(() -> newLiveThreads(before).isEmpty()), () -> "threads left: " + newLiveThreads(before));
    }

    /** datastream.md: "`get` never waits" - not even while the move holds the write lock. */
    @Test
    void getNeverWaitsForTheMove() throws Exception {
        CountDownLatch moving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RulesInput value = RulesInput.of("{\"v\":1}");
        HandOverEntityStore store =
                HandOverEntityStore.deferred(100, 100, () -> new Delegating(new EmbeddedEntityStore(100, 100)) {
                    @Override
                    public void put(CacheKind kind, String key, RulesInput v, Duration ttl) {
                        moving.countDown();
                        HandOverEntityStoreTest.await(release); // the move stalls here, holding the write lock
                        super.put(kind, key, v, ttl);
                    }
                });
        try {
            store.put(CacheKind.COMPANIES, "c", value, Duration.ZERO);
            store.startInfinispan();
            assertTrue(moving.await(60, TimeUnit.SECONDS), "the move began");

            RulesInput seen = assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> store.get(CacheKind.COMPANIES, "c"), "get waited for the move");
            assertSame(value, seen);
            assertFalse(store.handedOver());
        } finally {
            release.countDown();
            assertTrue(store.awaitHandOver(Duration.ofSeconds(60)));
            store.close();
        }
    }

    @Test
    void aFailedStartLogsTheCauseAndKeepsServingFromMemory() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger logger = Logger.getLogger(HandOverEntityStore.class.getName());
        logger.addHandler(capture);
        try (HandOverEntityStore store = HandOverEntityStore.start(100, 100, () -> {
            throw new IllegalStateException("ISPN-test: cannot create the global state");
        })) {
            RulesInput a = RulesInput.of("{\"v\":1}");
            RulesInput b = RulesInput.of("{\"v\":2}");
            store.put(CacheKind.COMPANIES, "c", a, Duration.ZERO);
            assertFalse(store.awaitHandOver(Duration.ofSeconds(10)));
            assertTrue(store.description().contains("ISPN-test: cannot create the global state"), store.description());
            assertTrue(store.description().startsWith("in-memory map"), store.description());
            assertTrue(store.replace(CacheKind.COMPANIES, "c", RulesInput.of("{\"v\":1}"), b, Duration.ZERO));
            assertSame(b, store.get(CacheKind.COMPANIES, "c"));
            assertEquals(List.of("c"), store.keys(CacheKind.COMPANIES, ""));

            List<String> errors = records.stream()
                    .filter(r -> r.getLevel() == java.util.logging.Level.SEVERE)
                    .map(LogRecord::getMessage)
                    .toList();
            assertEquals(1, errors.size(), () -> "errors: " + errors);
            assertTrue(errors.get(0).contains("ISPN-test: cannot create the global state"), errors.get(0));
            assertTrue(errors.get(0).contains("in-memory map"), errors.get(0));
        } finally {
            logger.removeHandler(capture);
        }
    }

    private static Set<Thread> newLiveThreads(Set<Thread> before) {
        Set<Thread> now = new HashSet<>(Thread.getAllStackTraces().keySet());
        now.removeAll(before);
        now.removeIf(t -> !t.isAlive() || t.getName().startsWith("ForkJoinPool.commonPool"));
        return now;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15); System.nanoTime() < end; ) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** Passes every call to another store. */
    private static class Delegating implements EntityStore {
        private final EntityStore s;

        Delegating(EntityStore s) {
            this.s = s;
        }

        @Override
        public RulesInput get(CacheKind kind, String key) {
            return s.get(kind, key);
        }

        @Override
        public void put(CacheKind kind, String key, RulesInput value, Duration ttl) {
            s.put(kind, key, value, ttl);
        }

        @Override
        public void remove(CacheKind kind, String key) {
            s.remove(kind, key);
        }

        @Override
        public boolean replace(CacheKind kind, String key, RulesInput expected, RulesInput value, Duration ttl) {
            return s.replace(kind, key, expected, value, ttl);
        }

        @Override
        public List<String> keys(CacheKind kind, String prefix) {
            return s.keys(kind, prefix);
        }

        @Override
        public String description() {
            return s.description();
        }

        @Override
        public void close() {
            s.close();
        }
    }
}
