package dev.schematic.it.quarkus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sign-in sends {@code identify}, printing sends {@code track} with the page count, and both reach Schematic. */
@QuarkusTest
@TestProfile(WithFakeSchematic.class)
class UsageEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @InjectFakeSchematic
    FakeSchematic fake;

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @Test
    void printingTracksThePagesAsTheEventQuantity() {
        given().contentType(ContentType.JSON)
                .header("X-Company-Id", "acme")
                .header("X-User-Email", "ada@acme.io")
                .body("{\"pages\":7}")
                .post("/documents/invoice-42/print")
                .then()
                .statusCode(202);

        CapturedEvent track = fake.awaitEvents("track", 1, WAIT).get(0);
        assertEquals("pages-printed", track.eventName());
        assertEquals(7, track.body().getJsonNumber("quantity").longValue());
        assertEquals(Map.of("id", "acme"), track.companyKeys());
        assertEquals(Map.of("email", "ada@acme.io"), track.userKeys());
        assertEquals("invoice-42", track.body().getJsonObject("traits").getString("document"));
        assertEquals("sch_test_resource", track.apiKey());
    }

    @Test
    void signingInIdentifiesTheUserAndTheirCompany() {
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"ada@acme.io\",\"name\":\"Ada\",\"companyId\":\"acme\",\"companyName\":\"Acme\"}")
                .post("/session")
                .then()
                .statusCode(200);

        CapturedEvent identify = fake.awaitEvents("identify", 1, WAIT).get(0);
        assertEquals(Map.of("email", "ada@acme.io"), identify.userKeys());
        assertEquals(Map.of("id", "acme"), identify.companyKeys());
        assertEquals("Ada", identify.body().getString("name"));
    }

    @Test
    void eventsFromManyRequestsArriveBatched() {
        for (int i = 1; i <= 5; i++) {
            given().contentType(ContentType.JSON)
                    .header("X-Company-Id", "acme")
                    .body("{\"pages\":" + i + "}")
                    .post("/documents/d/print")
                    .then()
                    .statusCode(202);
        }
        List<CapturedEvent> tracks = fake.awaitEvents("track", 5, WAIT);
        long pages = tracks.stream()
                .mapToLong(e -> e.body().getJsonNumber("quantity").longValue())
                .sum();
        assertEquals(15, pages);
    }
}
