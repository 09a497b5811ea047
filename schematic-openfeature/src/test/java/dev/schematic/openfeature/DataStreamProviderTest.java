package dev.schematic.openfeature;

import static dev.schematic.openfeature.Clients.context;
import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvent;
import dev.openfeature.sdk.ProviderState;
import dev.openfeature.sdk.Reason;
import dev.openfeature.sdk.exceptions.OpenFeatureError;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider over a DataStream client (local evaluation): lifecycle, status and events. */
class DataStreamProviderTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final SchematicProviderOptions FAST = SchematicProviderOptions.defaults()
            .withInitTimeout(Duration.ofSeconds(30))
            .withPollInterval(Duration.ofMillis(50));

    FakeSchematic fake;
    FakeDataStream ds;
    Schematic schematic;
    OpenFeatureAPI api;
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final BlockingQueue<List<String>> flagsChanged = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        ds.flag(flag("kill-switch", false, rule("r9", "global_override", true)));
        ds.company(company("comp_1", ACME));
        schematic = Clients.dataStream(fake).build();
        api = OpenFeatureAPI.createIsolated();
        for (ProviderEvent e : ProviderEvent.values()) {
            api.on(e, d -> events.add(e.name() + ": " + d.getMessage()));
        }
        api.onProviderConfigurationChanged(d -> flagsChanged.add(d.getFlagsChanged()));
    }

    @AfterEach
    void stop() {
        api.shutdown();
        schematic.close();
        fake.close();
    }

    private String awaitEvent(ProviderEvent type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            String d = events.poll(100, TimeUnit.MILLISECONDS);
            if (d != null && d.startsWith(type.name() + ":")) {
                return d;
            }
        }
        throw new AssertionError("no " + type + " within 30 s; state " + schematic.dataStream());
    }

    @Test
    void req_2_4_1_initializeWaitsForTheDataStreamThenChecksAreLocal() {
        api.setProviderAndWait(new SchematicProvider(schematic, FAST));
        Client client = api.getClient();
        assertEquals(ProviderState.READY, client.getProviderState());
        assertTrue(schematic.isReady());
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-ui", false, context(ACME, Map.of()));
        assertTrue(d.getValue());
        assertEquals(Reason.TARGETING_MATCH.name(), d.getReason());
        assertEquals("LOCAL", d.getFlagMetadata().getString("source"));
        assertEquals("r1", d.getFlagMetadata().getString("ruleId"));
        assertEquals(0, fake.requests("POST", "/flags/").size(), "no REST check");
    }

    @Test
    void req_2_2_5_aGlobalOverrideIsStatic() {
        api.setProviderAndWait(new SchematicProvider(schematic, FAST));
        FlagEvaluationDetails<Boolean> d = api.getClient().getBooleanDetails("kill-switch", false);
        assertTrue(d.getValue());
        assertEquals(Reason.STATIC.name(), d.getReason());
        assertEquals("global_override", d.getFlagMetadata().getString("ruleType"));
    }

    @Test
    void req_5_1_1_losingTheDataStreamIsStaleAndGettingItBackIsReady() throws Exception {
        api.setProviderAndWait(new SchematicProvider(schematic, FAST));
        Client client = api.getClient();
        awaitEvent(ProviderEvent.PROVIDER_READY);
        assertTrue(client.getBooleanValue("new-ui", false, context(ACME, Map.of())), "caches the company");
        ds.stop();
        assertTrue(awaitEvent(ProviderEvent.PROVIDER_STALE).contains("PROVIDER_STALE"));
        assertEquals(ProviderState.STALE, client.getProviderState());
        // stale: cached flag and company still answer locally
        assertTrue(client.getBooleanValue("new-ui", false, context(ACME, Map.of())));
        ds.restart();
        awaitEvent(ProviderEvent.PROVIDER_READY);
        assertEquals(ProviderState.READY, client.getProviderState());
    }

    @Test
    void req_5_1_1_aPushedFlagIsConfigurationChangedWithItsKey() throws Exception {
        api.setProviderAndWait(new SchematicProvider(schematic, FAST));
        awaitEvent(ProviderEvent.PROVIDER_READY);
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", false)));
        assertNotNull(awaitEvent(ProviderEvent.PROVIDER_CONFIGURATION_CHANGED));
        assertEquals(List.of("new-ui"), flagsChanged.poll(10, TimeUnit.SECONDS), "flagsChanged carries the key");
        Client client = api.getClient();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (client.getBooleanValue("new-ui", true, context(ACME, Map.of())) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertFalse(client.getBooleanValue("new-ui", true, context(ACME, Map.of())));
    }

    @Test
    void req_5_1_1_aDeletedFlagIsConfigurationChangedAndAnUnchangedSnapshotIsNot() throws Exception {
        api.setProviderAndWait(new SchematicProvider(schematic, FAST));
        ds.sendFlagsSnapshot(); // the same definitions again: no event
        ds.removeFlag("kill-switch");
        assertEquals(List.of("kill-switch"), flagsChanged.poll(10, TimeUnit.SECONDS));
        assertNull(flagsChanged.poll(300, TimeUnit.MILLISECONDS), "one event, for the deleted flag only");
    }

    @Test
    void req_2_4_2_1_anInitializeThatTimesOutIsErrorAndTurnsReadyWithTheDataStream() throws Exception {
        ds.answerFlagRequests(false);
        fake.flag("new-ui").defaultValue(false).forCompany(ACME, true);
        SchematicProvider provider = new SchematicProvider(schematic, FAST.withInitTimeout(Duration.ofMillis(300)));
        assertThrows(OpenFeatureError.class, () -> api.setProviderAndWait(provider));
        Client client = api.getClient();
        assertEquals(ProviderState.ERROR, client.getProviderState());
        assertTrue(awaitEvent(ProviderEvent.PROVIDER_ERROR).contains("not ready within"));
        FlagEvaluationDetails<Boolean> viaRest = client.getBooleanDetails("new-ui", false, context(ACME, Map.of()));
        assertTrue(viaRest.getValue(), "answered through the REST API meanwhile");
        assertEquals("API", viaRest.getFlagMetadata().getString("source"));
        ds.answerFlagRequests(true);
        ds.sendFlagsSnapshot();
        awaitEvent(ProviderEvent.PROVIDER_READY);
        assertEquals(ProviderState.READY, client.getProviderState());
    }

    @Test
    void req_1_7_6_anEvaluationBeforeTheProviderIsReadyIsProviderNotReady() throws Exception {
        ds.answerFlagRequests(false);
        api.setProvider(new SchematicProvider(schematic, FAST));
        Client client = api.getClient();
        FlagEvaluationDetails<Boolean> d = client.getBooleanDetails("new-ui", true, context(ACME, Map.of()));
        assertEquals(ProviderState.NOT_READY, client.getProviderState());
        assertEquals(ErrorCode.PROVIDER_NOT_READY, d.getErrorCode());
        assertTrue(d.getValue(), "the caller's default");
        ds.answerFlagRequests(true);
        ds.sendFlagsSnapshot();
        awaitEvent(ProviderEvent.PROVIDER_READY);
        assertTrue(client.getBooleanValue("new-ui", false, context(ACME, Map.of())));
    }
}
