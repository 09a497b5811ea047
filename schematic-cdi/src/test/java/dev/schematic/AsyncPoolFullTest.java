package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An async check never completes exceptionally, even when the executor refuses it (issue 14). */
class AsyncPoolFullTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final Executor FULL = task -> {
        throw new RejectedExecutionException("pool full");
    };

    @Test
    void aRefusedAsyncCheckCompletesWithTheCachedAnswerOrTheDefault() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("cached").defaultValue(true);
            try (Schematic s = Clients.against(fake)
                    .executor(FULL)
                    .flagDefault("uncached", true)
                    .build()) {
                s.start();
                assertTrue(s.checkFlag("cached", ACME, Map.of()), "cached through the sync client");
                int requests = fake.requests("POST", "/flags").size();

                FlagCheck cached = s.async()
                        .checkFlagDetailed("cached", ACME, Map.of(), CheckOptions.NONE)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                assertEquals(FlagCheck.Source.CACHE, cached.source());
                assertTrue(cached.value());

                FlagCheck uncached = s.async()
                        .checkFlagDetailed("uncached", ACME, Map.of(), CheckOptions.NONE)
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                assertEquals(FlagCheck.Source.DEFAULT, uncached.source());
                assertTrue(uncached.value(), "the configured default");
                assertTrue(uncached.reason().contains("no thread free"), uncached.reason());

                assertFalse(s.async()
                        .checkFlag("other", ACME, Map.of())
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS));
                List<FlagCheck> several = s.async()
                        .checkFlags(List.of("cached", "uncached"), ACME, Map.of())
                        .toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                assertEquals(
                        List.of(true, true),
                        several.stream().map(FlagCheck::value).toList());
                assertEquals(requests, fake.requests("POST", "/flags").size(), "no I/O for refused checks");
            }
        }
    }
}
