package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shop application used over HTTP, with Schematic played by the fake in the test JVM. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShopOverHttpIT {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive shop() {
        return AppArchives.shop("shop", Map.of("schematic.flag-defaults.beta-dashboard", "true"));
    }

    @ArquillianResource
    URL base;

    FakeSchematic fake;
    ShopClient shop;

    @BeforeEach
    void resetFake() {
        fake = FakeServer.get().reset();
        shop = new ShopClient(base);
    }

    @Test
    void theFlagGatedEndpointFollowsTheFlagProgrammedInTheFake() {
        fake.flag("advanced-reports").defaultValue(false).forCompany(Map.of("id", "acme"), true);

        ShopClient.Answer acme = shop.reports("acme");
        ShopClient.Answer globex = shop.reports("globex");

        assertEquals(200, acme.status(), acme.body());
        assertEquals("revenue-by-plan", acme.json().getString("report"));
        assertEquals(403, globex.status(), globex.body());
    }

    @Test
    void aFlagSchematicDoesNotKnowFallsBackToTheDefaultFromMicroprofileConfig() {
        JsonObject check = shop.flag("acme", "beta-dashboard");

        assertTrue(check.getBoolean("value"), check::toString);
        assertEquals("DEFAULT", check.getString("source"), check::toString);
    }

    @Test
    void repeatedFlagChecksAreAnsweredFromTheSdksInfinispanCacheInsideWildFly() throws InterruptedException {
        fake.flag("cached-flag").defaultValue(true);
        // a bound, not a speed claim: Infinispan's first start in a cold server JVM took over 15 s on Payara Micro with
        // the 2-core test machine at load 27
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject check = shop.flag("initech", "cached-flag");
        // the cache starts in the background on first use; until it is up every check goes to the API
        while (!"CACHE".equals(check.getString("source")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            check = shop.flag("initech", "cached-flag");
        }

        assertEquals("CACHE", check.getString("source"), check::toString);
        assertTrue(check.getBoolean("value"), check::toString);
    }

    @Test
    void identifyAndTrackFromTheApplicationArriveAtTheFake() {
        assertEquals(202, shop.signUp("acme", "u-42", "Ada", "pro").status());
        assertEquals(202, shop.use("acme", "report-export", "u-42", 3, 1).status());

        List<CapturedEvent> identifies = fake.awaitEvents("identify", 1, EVENT_WAIT);
        List<CapturedEvent> tracks = fake.awaitEvents("track", 1, EVENT_WAIT);

        CapturedEvent identify = identifies.get(0);
        assertEquals(Map.of("id", "u-42"), identify.userKeys());
        assertEquals(Map.of("id", "acme"), identify.companyKeys());
        assertEquals(FakeServer.API_KEY, identify.apiKey());
        CapturedEvent track = tracks.get(0);
        assertEquals("report-export", track.eventName());
        assertEquals(Map.of("id", "acme"), track.companyKeys());
        assertEquals(Map.of("id", "u-42"), track.userKeys());
        assertEquals(3, track.body().getInt("quantity"), track::toString);
    }

    @Test
    void theWebhookEndpointAcceptsASignedSchematicWebhook() {
        // the full set of webhook cases (rejections, rotation, tolerance, size) is in WebhooksOverHttpIT
        byte[] body = "{\"action\":\"company.updated\",\"body\":{\"id\":\"comp_1\",\"name\":\"Acme\"}}"
                .getBytes(StandardCharsets.UTF_8);

        ShopClient.Answer answer =
                shop.webhook("", body, ShopClient.signed(body, AppArchives.WEBHOOK_SECRET, Instant.now()));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("company.updated", answer.json().getString("action"));
        assertTrue(
                shop.webhooksReceived().getJsonArray("received").contains(Json.createValue("default:company.updated")),
                () -> shop.webhooksReceived().toString());
    }
}
