package dev.schematic.openfeature;

import static dev.schematic.openfeature.Clients.context;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.BooleanHook;
import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.HookContext;
import dev.openfeature.sdk.MutableTrackingEventDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenFeature's tracking and hooks with the provider, and shutdown flushing Schematic's events. */
class TrackingAndHooksTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    FakeSchematic fake;
    Schematic schematic;
    OpenFeatureAPI api;
    Client client;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        schematic = Clients.rest(fake).build();
        api = OpenFeatureAPI.createIsolated();
        api.setProviderAndWait(new SchematicProvider(schematic));
        client = api.getClient();
    }

    @AfterEach
    void stop() {
        api.shutdown();
        schematic.close();
        fake.close();
    }

    @Test
    void req_2_7_1_trackBecomesASchematicTrackEventWithQuantityAndTraits() {
        client.track(
                "api-call",
                context(ACME, Map.of("email", "ada@acme.io")),
                new MutableTrackingEventDetails(3).add("plan", "pro"));
        CapturedEvent e = fake.awaitEvents("track", 1, Duration.ofSeconds(10)).get(0);
        assertEquals("api-call", e.eventName());
        assertEquals(ACME, e.companyKeys());
        assertEquals(Map.of("email", "ada@acme.io"), e.userKeys());
        assertEquals(3, e.body().getJsonNumber("quantity").longValue());
        assertEquals("pro", e.body().getJsonObject("traits").getString("plan"));
    }

    @Test
    void req_2_7_1_aTrackWithoutDetailsCountsOne() {
        client.track("login", context(ACME, Map.of()));
        CapturedEvent e = fake.awaitEvents("track", 1, Duration.ofSeconds(10)).get(0);
        assertEquals("login", e.eventName());
        assertTrue(
                !e.body().containsKey("quantity")
                        || e.body().isNull("quantity")
                        || e.body().getJsonNumber("quantity").longValue() == 1,
                e::toString);
    }

    @Test
    void req_2_5_1_shutdownFlushesQueuedEvents() {
        try (Schematic slow =
                Clients.rest(fake).eventsFlushInterval(Duration.ofHours(1)).build()) {
            OpenFeatureAPI own = OpenFeatureAPI.createIsolated();
            own.setProviderAndWait(new SchematicProvider(slow));
            own.getClient().track("exported", context(ACME, Map.of()));
            assertEquals(0, fake.events("track").size(), "queued, not sent yet");
            own.shutdown();
            assertEquals(1, fake.events("track").size(), "sent by shutdown");
        }
    }

    @Test
    void req_4_3_hooksRunAroundEvaluationsWithTheProvidersDetails() {
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        List<String> calls = new CopyOnWriteArrayList<>();
        client.addHooks(new BooleanHook() {
            @Override
            public Optional<EvaluationContext> before(HookContext<Boolean> ctx, Map<String, Object> hints) {
                calls.add("before " + ctx.getFlagKey());
                return Optional.empty();
            }

            @Override
            public void after(
                    HookContext<Boolean> ctx, FlagEvaluationDetails<Boolean> details, Map<String, Object> hints) {
                calls.add("after " + details.getReason() + " " + details.getValue());
            }

            @Override
            public void error(HookContext<Boolean> ctx, Exception error, Map<String, Object> hints) {
                calls.add("error " + error.getMessage());
            }

            @Override
            public void finallyAfter(
                    HookContext<Boolean> ctx, FlagEvaluationDetails<Boolean> details, Map<String, Object> hints) {
                calls.add("finally " + details.getErrorCode());
            }
        });
        assertTrue(client.getBooleanValue("new-ui", false, context(ACME, Map.of())));
        assertEquals(List.of("before new-ui", "after TARGETING_MATCH true", "finally null"), calls);
        calls.clear();
        client.getBooleanValue("missing", false);
        assertEquals(3, calls.size(), calls::toString);
        assertTrue(calls.get(1).startsWith("error ") && calls.get(1).contains("missing"), calls::toString);
        assertEquals("finally " + ErrorCode.FLAG_NOT_FOUND, calls.get(2));
    }
}
