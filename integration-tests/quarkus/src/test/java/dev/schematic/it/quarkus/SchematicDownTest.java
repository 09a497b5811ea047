package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When Schematic cannot be reached the app keeps working: checks answer the configured defaults, events are queued. */
@QuarkusTest
@TestProfile(SchematicDownTest.NothingListening.class)
class SchematicDownTest {

    /** Points the SDK at a port nobody listens on, with {@code pdf-export} defaulting to on. */
    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "http://127.0.0.1:" + freePort();
            return Map.of(
                    "quarkus.schematic.devservices.enabled", "false",
                    "schematic.api-key", "sch_test_down",
                    "schematic.base-url", url,
                    "schematic.event-capture-url", url,
                    "schematic.max-retries", "0",
                    "schematic.events.max-retries", "0",
                    // outages are retried until close()'s shutdown timeout: keep the app's shutdown short
                    "schematic.events.shutdown-timeout", "1s",
                    "schematic.flag-defaults.pdf-export", "true");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    Schematic schematic;

    @Test
    void checksReturnTheConfiguredDefaultWithTheError() {
        FlagCheck check = schematic.checkFlagDetailed("pdf-export", Map.of("id", "acme"), Map.of());
        assertTrue(check.value());
        assertEquals(FlagCheck.Source.DEFAULT, check.source());
        assertTrue(check.error() != null && !check.error().isBlank(), check.toString());
        assertEquals(false, schematic.checkFlag("not-configured"));
    }

    @Test
    void theGatedEndpointFollowsTheDefault() {
        given().header("X-Company-Id", "acme")
                .get("/documents/d/export")
                .then()
                .statusCode(200)
                .body("contentType", equalTo("application/pdf"));
    }

    @Test
    void usageAndSignInStillSucceed() {
        given().contentType(ContentType.JSON)
                .header("X-Company-Id", "acme")
                .body("{\"pages\":2}")
                .post("/documents/d/print")
                .then()
                .statusCode(202);
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"ada@acme.io\",\"companyId\":\"acme\"}")
                .post("/session")
                .then()
                .statusCode(200);
    }
}
