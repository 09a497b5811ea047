package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeReplicator;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.LocalRedisServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Replicator mode end to end: the app's checks are read from the replicator's Redis and evaluated locally. */
@QuarkusTest
@TestProfile(ReplicatorModeTest.Replicator.class)
@EnabledIf(value = "redisServerInstalled", disabledReason = "redis-server is not installed")
class ReplicatorModeTest {

    public static class Replicator implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.schematic.devservices.enabled", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReplicatorResource.class));
        }
    }

    static boolean redisServerInstalled() {
        return LocalRedisServer.missing() == null;
    }

    @InjectFakeSchematic
    FakeReplicator replicator;

    @InjectFakeSchematic
    FakeSchematic fake;

    @Inject
    Schematic schematic;

    @Test
    void checksAreLocalFromTheReplicatorsStore() {
        assertTrue(schematic.awaitReady(Duration.ofSeconds(10)), () -> "not ready: " + schematic.dataStream());
        given().header("X-Company-Id", "acme")
                .get("/documents/d/export")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("application/pdf"));
        given().header("X-Company-Id", "globex")
                .get("/documents/d/export")
                .then()
                .statusCode(403);
        FlagCheck check = schematic.checkFlagDetailed("pdf-export", Map.of("id", "acme"), Map.of());
        assertEquals(FlagCheck.Source.LOCAL, check.source(), check::toString);
        assertEquals(0, fake.requests("POST", "/flags/").size(), "no REST flag checks");
        assertEquals(
                FakeReplicator.DEFAULT_CACHE_VERSION,
                schematic.dataStream().replicator().cacheVersion());
    }

    @Test
    void theReadinessCheckReportsTheReplicator() {
        assertTrue(schematic.awaitReady(Duration.ofSeconds(10)));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("schematic-datastream"))
                .body("checks.find { it.name == 'schematic-datastream' }.data.replicatorReady", equalTo(true))
                .body(
                        "checks.find { it.name == 'schematic-datastream' }.data.cacheVersion",
                        equalTo(FakeReplicator.DEFAULT_CACHE_VERSION));
    }

    @Test
    void printingWritesTheUsageBackToTheStore() {
        assertTrue(schematic.awaitReady(Duration.ofSeconds(10)));
        given().contentType(ContentType.JSON)
                .header("X-Company-Id", "acme")
                .body("{\"pages\":7}")
                .post("/documents/d/print")
                .then()
                .statusCode(202);
        String doc = replicator.get(replicator.companyKey("comp_acme"));
        assertTrue(doc.contains("\"value\":17"), doc);
        assertEquals(-1, replicator.redis().pttl(replicator.companyKey("comp_acme")), "cache-ttl=0: no expiry");
    }
}
