package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncSchematicTest {
    FakeSchematic fake;

    @BeforeEach
    void startFake() {
        fake = FakeSchematic.start();
        fake.flag("new-ui").defaultValue(false).forCompany(Map.of("id", "acme"), true);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aCheckCompletesOffTheCallersThread() throws Exception {
        try (Schematic s = Clients.against(fake).build()) {
            AtomicReference<String> completedOn = new AtomicReference<>();
            Boolean on = s.async()
                    .checkFlag("new-ui", Map.of("id", "acme"), Map.of())
                    .whenComplete(
                            (v, e) -> completedOn.set(Thread.currentThread().getName()))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertTrue(on);
            assertNotEquals(Thread.currentThread().getName(), completedOn.get());
            assertTrue(completedOn.get().startsWith("schematic-async-"), completedOn.get());
        }
    }

    @Test
    void aSlowApiDoesNotBlockTheCaller() throws Exception {
        fake.delay("/flags", Duration.ofMillis(800));
        try (Schematic s = Clients.against(fake).build()) {
            long start = System.nanoTime();
            CompletableFuture<FlagCheck> pending = s.async()
                    .checkFlagDetailed("new-ui", Map.of("id", "acme"), Map.of(), CheckOptions.NONE)
                    .toCompletableFuture();
            assertTrue((System.nanoTime() - start) / 1_000_000 < 200, "returned at once");
            assertTrue(pending.get(10, TimeUnit.SECONDS).value());
        }
    }

    @Test
    void checksAndEventsShareTheSyncClientsState() throws Exception {
        try (Schematic s = Clients.against(fake).build()) {
            s.setFlagDefault("missing", true);
            List<FlagCheck> checks = s.async()
                    .checkFlags(List.of("missing", "new-ui"), Map.of("id", "acme"), Map.of())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals(
                    List.of(true, true), checks.stream().map(FlagCheck::value).toList());
            s.async()
                    .track(Track.event("e").company(Map.of("id", "acme")).build())
                    .toCompletableFuture()
                    .get();
            s.async().flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertEquals(1, fake.eventCount());
            assertEquals(s, s.async().sync());
        }
    }

    @Test
    void anyTypedCallRunsThroughTheGenericMechanism() throws Exception {
        fake.respond("GET", "/plans/{plan_id}", 200, "{\"data\":{\"id\":\"plan_1\",\"name\":\"Pro\"},\"params\":{}}");
        try (Schematic s = Clients.against(fake).build()) {
            var plan = s.async()
                    .api(api -> api.plans().getPlan("plan_1", null))
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("Pro", plan.data().name());
            var failure = assertThrows(
                    CompletionException.class,
                    () -> s.async()
                            .api(api -> api.companies().getCompany("missing"))
                            .toCompletableFuture()
                            .join());
            assertInstanceOf(SchematicApiException.NotFound.class, failure.getCause());
        }
    }

    @Test
    void aSuppliedExecutorIsUsed() throws Exception {
        var executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "app-managed"));
        try (Schematic s = Clients.against(fake).executor(executor).build()) {
            String thread = s.async()
                    .api(api -> Thread.currentThread().getName())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertEquals("app-managed", thread);
            s.close();
            assertTrue(!executor.isShutdown(), "close() leaves a supplied executor to its owner");
        } finally {
            executor.shutdown();
        }
    }
}
