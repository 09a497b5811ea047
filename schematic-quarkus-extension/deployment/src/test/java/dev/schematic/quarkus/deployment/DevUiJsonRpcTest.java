package dev.schematic.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.Schematic;
import io.quarkus.test.QuarkusDevModeTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Dev UI card's JSON-RPC methods, called as the card calls them (a WebSocket to {@code /q/dev-ui/json-rpc-ws}) on
 * an application in dev mode with Dev Services: the fake's flags are listed, a flag switched on the fake changes what
 * the application answers, the application's checks are listed with their reasons, and the status shows the event
 * counters and DataStream state.
 */
class DevUiJsonRpcTest {
    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(BetaResource.class)
                    .addAsResource(
                            new StringAsset(
                                    "quarkus.schematic.devservices.flags-file=src/test/resources/test-flags.json\n"
                                            + "schematic.cache.enabled=false\n"),
                            "application.properties"));

    private final DevUiJsonRpcClient rpc = new DevUiJsonRpcClient(SchematicDevUiProcessor.NAMESPACE);

    @Path("/beta")
    public static class BetaResource {
        @Inject
        Schematic schematic;

        @GET
        public String beta(@QueryParam("company") String company) {
            return String.valueOf(schematic.checkFlag("beta", Map.of("id", company), Map.of()));
        }

        /** The same check through {@code AsyncSchematic}: answered on the SDK's pool, not the request thread. */
        @GET
        @Path("/async")
        public CompletionStage<String> betaAsync(@QueryParam("company") String company) {
            return schematic
                    .async()
                    .checkFlag("beta", Map.of("id", company), Map.of())
                    .thenApply(String::valueOf);
        }

        @POST
        public String identify(@QueryParam("company") String company) {
            schematic.identify(Map.of("id", company));
            schematic.flush();
            return "ok";
        }
    }

    @Test
    void theCardListsTheFakesFlagsAndASwitchChangesWhatTheApplicationAnswers() throws Exception {
        assertEquals("true", given().get("/beta?company=acme").asString());
        assertEquals("false", given().get("/beta?company=globex").asString());

        JsonObject fake = rpc.call("getFakeFlags", Map.of()).asJsonObject();
        assertTrue(fake.getBoolean("running"), fake.toString());
        JsonArray flags = fake.getJsonArray("flags");
        assertEquals(1, flags.size(), flags.toString());
        assertEquals("beta", flags.getJsonObject(0).getString("key"));
        assertFalse(flags.getJsonObject(0).getBoolean("defaultValue"));

        // switched on for globex, then as the default for everyone else: the application's next answers change
        JsonObject set = rpc.call("setFakeFlag", Map.of("flag", "beta", "value", "true", "companyId", "globex"))
                .asJsonObject();
        assertEquals("beta", set.getString("key"));
        assertEquals("true", given().get("/beta?company=globex").asString());
        assertEquals("false", given().get("/beta?company=initech").asString());
        rpc.call("setFakeFlag", Map.of("flag", "beta", "value", "true"));
        assertEquals("true", given().get("/beta?company=initech").asString());

        // the card's own check goes through the application's client
        JsonObject answer = rpc.call("checkFlag", Map.of("flag", "beta", "companyId", "initech", "userEmail", ""))
                .asJsonObject();
        assertTrue(answer.getBoolean("value"), answer.toString());
        assertEquals("API", answer.getString("source"));

        // the last checks, newest first, with the reasons the fake gave
        JsonArray checks = rpc.call("getLastChecks", Map.of()).asJsonArray();
        assertTrue(checks.size() >= 6, checks.toString());
        JsonObject newest = checks.getJsonObject(0);
        assertEquals("beta", newest.getString("flag"));
        assertEquals("initech", newest.getJsonObject("company").getString("id"), newest.toString());
        assertTrue(newest.getString("reason").contains("default value"), newest.toString());
        JsonObject globexOn = checks.stream()
                .map(JsonValue::asJsonObject)
                .filter(c -> c.getJsonObject("company").getString("id", "").equals("globex") && c.getBoolean("value"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check of globex answered true in " + checks));
        assertTrue(globexOn.getString("reason").startsWith("Matched company override rule"), globexOn.toString());
    }

    /** The card lists what the client's telemetry observes, so checks made through {@code async()} are listed too. */
    @Test
    void anAsyncCheckIsListedToo() throws Exception {
        String answer = given().get("/beta/async?company=umbrella").asString();
        JsonArray checks = rpc.call("getLastChecks", Map.of()).asJsonArray();
        JsonObject newest = checks.getJsonObject(0);
        assertEquals("umbrella", newest.getJsonObject("company").getString("id"), newest.toString());
        assertEquals(answer, String.valueOf(newest.getBoolean("value")), newest.toString());
        assertEquals("API", newest.getString("source"), newest.toString());
    }

    @Test
    void theStatusShowsEventCountersAndTheDataStreamState() throws Exception {
        given().post("/beta?company=acme").then().statusCode(200);
        JsonObject status = rpc.call("getStatus", Map.of()).asJsonObject();
        assertTrue(status.getBoolean("ready"), status.toString());
        assertEquals("DISABLED", status.getJsonObject("dataStream").getString("state"));
        JsonObject events = status.getJsonObject("events");
        assertTrue(events.getJsonNumber("submitted").longValue() >= 1, events.toString());
        assertTrue(events.getJsonNumber("delivered").longValue() >= 1, events.toString());
        assertEquals(0, events.getJsonNumber("dropped").longValue(), events.toString());
        assertEquals("CLOSED", status.getJsonObject("circuitBreaker").getString("state"));
    }

    @Test
    void aBadSwitchValueIsRefusedWithTheParameterNamed() throws Exception {
        JsonObject answer = rpc.call("setFakeFlag", Map.of("flag", "beta", "value", "maybe"))
                .asJsonObject();
        assertEquals("value: expected true or false, got 'maybe'", answer.getString("error"), answer.toString());
        assertEquals("false", given().get("/beta?company=globex").asString(), "the flag is unchanged");
    }
}
