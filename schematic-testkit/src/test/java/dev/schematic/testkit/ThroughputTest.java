package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A sanity check that the fake keeps up with the SDK's event benchmark (≥100,000 events/s in batches of 100). The
 * bound asserted here is far lower than what the fake does, so the test is not flaky; it catches pathologies such as
 * a 40 ms Nagle/delayed-ACK stall per response.
 */
class ThroughputTest {

    @Test
    void sequentialBatchesOnOneConnectionAreFast() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.contractCheck(false); // a load test: no judging
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/batch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.events(100, "track")))
                    .build();
            for (int i = 0; i < 200; i++) { // warm-up
                client.send(request, HttpResponse.BodyHandlers.discarding());
            }
            int n = 500;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                assertEquals(
                        200,
                        client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double perSecond = n / seconds;
            System.out.printf("sequential: %.0f requests/s (%.0f events/s)%n", perSecond, perSecond * 100);
            assertTrue(perSecond > 100, "only " + perSecond + " requests/s");
        }
    }

    @Test
    void concurrentBatchesReachBenchmarkRate() throws Exception {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.recordEvents(false).recordRequests(false).contractCheck(false); // a load test: no judging
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/batch"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.events(100, "track")))
                    .build();
            int total = 3000;
            int concurrency = 8;
            long start = System.nanoTime();
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < total / concurrency; i++) {
                        try {
                            client.send(request, HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long events = fake.awaitEventCount((long) (total / concurrency) * concurrency * 100, Duration.ofSeconds(5));
            System.out.printf("concurrent: %.0f events/s%n", events / seconds);
            assertTrue(events / seconds > 20_000, "only " + events / seconds + " events/s");
        }
    }
}
