package dev.schematic.it.wildfly;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.health.DataStreamHealthCheck;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local flag evaluation inside WildFly: the shop WAR runs with {@code schematic.datastream.enabled=true} against the
 * test kit's fake DataStream (a WebSocket server in the test JVM). The SDK connects with WildFly's own
 * {@code jakarta.websocket} client (Undertow; the WAR carries no Tyrus), keeps flags and companies in embedded
 * Infinispan in the deployment, evaluates with the rules engine, and reports readiness through WildFly's
 * MicroProfile Health endpoint on the management interface.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DataStreamOverHttpIT {
    private static final String FLAG = "ds-new-editor";
    private static final String ACME_ID = "comp_acme";
    private static final Duration READY_WAIT = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive shop() {
        return AppArchives.shop(
                "datastream-shop",
                Map.of(
                        "schematic.datastream.enabled", "true",
                        "schematic.datastream.url",
                                FakeServer.get().dataStream().url(),
                        "schematic.datastream.reconnect.min-delay", "100ms",
                        "schematic.datastream.reconnect.max-delay", "1s"));
    }

    @ArquillianResource
    URL base;

    FakeSchematic fake;
    FakeDataStream dataStream;
    ShopClient shop;

    @BeforeEach
    void programTheFakes() {
        fake = FakeServer.get().reset();
        // the REST API would say false for everyone: a true answer can only come from the DataStream's rules
        fake.flag(FLAG).defaultValue(false);
        dataStream = fake.dataStream().reset();
        dataStream.company(company(ACME_ID, Map.of("id", "acme")));
        dataStream.flag(flag(FLAG, false, companyOverride("rule_acme", ACME_ID, true)));
        shop = new ShopClient(base);
    }

    @Test
    void theWarCarriesNoWebSocketImplementationOfItsOwn() {
        List<String> tyrus = AppArchives.sdkLibraries().stream()
                .map(f -> f.getName())
                .filter(n -> n.startsWith("tyrus") || n.contains("websocket"))
                .toList();

        assertEquals(List.of(), tyrus, "WildFly's own jakarta.websocket client must be used");
    }

    @Test
    void theReadinessEndpointReportsTheSchematicDataStreamCheckReady() {
        JsonObject check = awaitDataStreamReady();

        HealthAnswer ready = health();
        assertEquals(200, ready.status(), ready.body());
        assertEquals("UP", ready.json().getString("status"), ready.body());
        assertEquals("UP", check.getString("status"), check::toString);
        JsonObject data = check.getJsonObject("data");
        assertEquals("ready", data.getString("state"), data::toString);
        assertEquals(dataStream.url(), data.getString("url"), data::toString);
        assertTrue(data.getString("store").contains("Infinispan"), data::toString);
        assertTrue(data.getJsonNumber("connects").longValue() >= 1, data::toString);
    }

    @Test
    void aCheckForAcmeIsEvaluatedInsideWildFlyWithoutARequestToTheApi() {
        awaitDataStreamReady();
        fake.reset(); // forget the requests so far; the REST API has no flag now (it would answer the default)

        JsonObject check = shop.flag("acme", FLAG);

        assertEquals("LOCAL", check.getString("source"), check::toString);
        assertTrue(check.getBoolean("value"), check::toString);
        assertEquals(List.of(), fake.requests("POST", "/flags"), "flag checks that reached the REST API");
        // acme was not cached before its first check: the SDK asked the DataStream for it by the caller's keys
        assertTrue(
                dataStream.requests("rulesengine.Company").stream()
                        .anyMatch(r -> r.toString().contains("\"acme\"")),
                () -> "company requests: " + dataStream.requests("rulesengine.Company"));
        // the company is cached now, and stays current through the socket
        JsonObject again = shop.flag("acme", FLAG);
        assertEquals("LOCAL", again.getString("source"), again::toString);
        assertEquals(List.of(), fake.requests("POST", "/flags"), "flag checks that reached the REST API");
    }

    @Test
    void aFlagPushedThroughTheDataStreamChangesTheNextCheck() throws InterruptedException {
        awaitDataStreamReady();
        JsonObject before = shop.flag("acme", FLAG);
        assertEquals("LOCAL", before.getString("source"), before::toString);
        assertTrue(before.getBoolean("value"), before::toString);

        // mid-run: the override for acme is turned off, and pushed to the open socket
        dataStream.flag(flag(FLAG, false, companyOverride("rule_acme", ACME_ID, false)));

        JsonObject after = awaitCheck("acme", FLAG, c -> !c.getBoolean("value"), Duration.ofSeconds(10));
        assertFalse(after.getBoolean("value"), after::toString);
        assertEquals("LOCAL", after.getString("source"), after::toString);

        // and on again: the flag's default is now true for everyone (no rules)
        dataStream.flag(flag(FLAG, true));
        JsonObject on = awaitCheck("acme", FLAG, c -> c.getBoolean("value"), Duration.ofSeconds(10));
        assertTrue(on.getBoolean("value"), on::toString);
        assertEquals("LOCAL", on.getString("source"), on::toString);
    }

    @Test
    void aCompanyTheDataStreamDoesNotKnowIsCheckedWithTheApi() {
        awaitDataStreamReady();
        fake.flag(FLAG).defaultValue(false).forCompany(Map.of("id", "unknown-co"), true);

        JsonObject check = shop.flag("unknown-co", FLAG);

        // the DataStream answers an error for keys it has no company for: no local guess, the API decides
        assertEquals("API", check.getString("source"), check::toString);
        assertTrue(check.getBoolean("value"), check::toString);
        assertEquals(
                1, fake.requests("POST", "/flags").size(), () -> fake.requests().toString());
    }

    // ---- helpers

    record HealthAnswer(int status, String body) {
        JsonObject json() {
            return new ShopClient.Answer(status, body).json();
        }
    }

    /**
     * {@code GET /health/ready} (MicroProfile Health, no authentication): on WildFly's management interface, or where
     * {@code it.health.port} says (Payara Micro and Open Liberty serve it on the application port).
     */
    private static HealthAnswer health() {
        int port = Integer.getInteger("it.health.port", Integer.getInteger("wildfly.management.port", 9990));
        ShopClient.Answer answer = new ShopClient(URI.create("http://127.0.0.1:" + port + "/")).get("health/ready");
        return new HealthAnswer(answer.status(), answer.body());
    }

    /** This deployment's {@code schematic-datastream} check in the readiness answer (identified by its URL). */
    private JsonObject dataStreamCheck(HealthAnswer answer) {
        for (JsonValue v : answer.json().getJsonArray("checks")) {
            JsonObject c = v.asJsonObject();
            if (DataStreamHealthCheck.NAME.equals(c.getString("name"))
                    && c.containsKey("data")
                    && dataStream.url().equals(c.getJsonObject("data").getString("url", null))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Polls the readiness endpoint until this deployment's DataStream check is ready (bounded). The probe is also the
     * first use of the SDK in the deployment here, as with a Kubernetes readiness probe before any traffic.
     */
    private JsonObject awaitDataStreamReady() {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        HealthAnswer answer = health();
        JsonObject check = dataStreamCheck(answer);
        while (check == null || !"ready".equals(check.getJsonObject("data").getString("state"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("DataStream not ready within " + READY_WAIT + ": HTTP " + answer.status() + " "
                        + answer.body());
            }
            sleep(100);
            answer = health();
            check = dataStreamCheck(answer);
        }
        return check;
    }

    private JsonObject awaitCheck(String company, String flag, Predicate<JsonObject> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject check = shop.flag(company, flag);
        while (!until.test(check) && System.nanoTime() < deadline) {
            sleep(50);
            check = shop.flag(company, flag);
        }
        return check;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
