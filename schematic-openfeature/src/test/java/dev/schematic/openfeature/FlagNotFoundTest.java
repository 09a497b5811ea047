package dev.schematic.openfeature;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.FlagEvaluationDetails;
import dev.openfeature.sdk.OpenFeatureAPI;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.Reason;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requirement 2.2.7 (error codes) for an unknown flag: {@code FLAG_NOT_FOUND} comes from {@link FlagCheck#flagNotFound()}
 * (set by the REST path on a 404 or a bulk answer without the flag, and by DataStream local evaluation when the engine
 * finds the flag missing), not from the reason text.
 */
class FlagNotFoundTest {
    FakeSchematic fake;
    Schematic schematic;
    OpenFeatureAPI api;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        api = OpenFeatureAPI.createIsolated();
    }

    @AfterEach
    void stop() {
        api.shutdown();
        if (schematic != null) {
            schematic.close();
        }
        fake.close();
    }

    @Test
    void req_2_2_7_theTypedMarkerDecidesFlagNotFoundNotTheReasonText() {
        FlagCheck marked = new FlagCheck(
                "x",
                true,
                "some other words",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                FlagCheck.Source.DEFAULT,
                FlagCheck.Outcome.FLAG_NOT_FOUND);
        ProviderEvaluation<Boolean> e = Evaluations.of(marked);
        assertEquals(ErrorCode.FLAG_NOT_FOUND, e.getErrorCode());
        assertEquals(Reason.ERROR.name(), e.getReason());
        assertTrue(e.getValue());

        FlagCheck unmarked = FlagCheck.ofDefault("x", false, "Flag not found - using default value", null);
        assertFalse(unmarked.flagNotFound());
        assertNull(Evaluations.of(unmarked).getErrorCode(), "reason text alone is not the marker");
    }

    @Test
    void req_2_2_7_restA404IsMarkedNotFound() {
        schematic = Clients.rest(fake).build();
        fake.flag("known").defaultValue(true);
        FlagCheck missing = schematic.checkFlagDetailed("missing", dev.schematic.EvaluationContext.empty());
        assertTrue(missing.flagNotFound());
        assertEquals(FlagCheck.Source.DEFAULT, missing.source());
        assertFalse(schematic
                .checkFlagDetailed("known", dev.schematic.EvaluationContext.empty())
                .flagNotFound());

        api.setProviderAndWait(new SchematicProvider(schematic));
        FlagEvaluationDetails<Boolean> d = api.getClient().getBooleanDetails("missing", true);
        assertEquals(ErrorCode.FLAG_NOT_FOUND, d.getErrorCode());
        assertTrue(d.getValue(), "the caller's default");
    }

    @Test
    void req_2_2_7_restABulkAnswerWithoutTheFlagIsMarkedNotFound() {
        schematic = Clients.rest(fake).build();
        fake.flag("known").defaultValue(true);
        List<FlagCheck> checks =
                schematic.checkFlags(List.of("known", "missing"), dev.schematic.EvaluationContext.empty());
        assertFalse(checks.get(0).flagNotFound());
        assertTrue(checks.get(1).flagNotFound());
    }

    @Test
    void req_2_2_7_dataStreamAFlagNotCachedIsMarkedNotFound() {
        fake.dataStream().flag(flag("known", true));
        schematic = Clients.dataStream(fake).build();
        api.setProviderAndWait(new SchematicProvider(
                schematic, SchematicProviderOptions.defaults().withInitTimeout(Duration.ofSeconds(30))));
        assertTrue(schematic.isReady());
        FlagEvaluationDetails<Boolean> d = api.getClient().getBooleanDetails("missing", true);
        assertEquals(ErrorCode.FLAG_NOT_FOUND, d.getErrorCode());
        assertTrue(d.getValue());
        FlagEvaluationDetails<Boolean> known = api.getClient().getBooleanDetails("known", false);
        assertNull(known.getErrorCode());
        assertEquals("LOCAL", known.getFlagMetadata().getString("source"));
    }

    @Test
    void req_2_2_7_dataStreamTheEnginesMissingFlagIsMarkedNotFoundLocally() {
        // rules-engine.md §4.1: a flag whose id is empty is "not found" to the engine
        fake.dataStream()
                .flag(Json.createObjectBuilder(flag("ghost", true))
                        .add("id", "")
                        .build());
        schematic = Clients.dataStream(fake).build();
        api.setProviderAndWait(new SchematicProvider(
                schematic, SchematicProviderOptions.defaults().withInitTimeout(Duration.ofSeconds(30))));
        FlagCheck local = schematic.checkFlagDetailed("ghost", dev.schematic.EvaluationContext.empty());
        assertEquals(FlagCheck.Source.LOCAL, local.source(), local::toString);
        assertTrue(local.flagNotFound(), local::toString);
        FlagEvaluationDetails<Boolean> d = api.getClient().getBooleanDetails("ghost", false);
        assertEquals(ErrorCode.FLAG_NOT_FOUND, d.getErrorCode());
        assertEquals("LOCAL", d.getFlagMetadata().getString("source"));
        assertEquals(0, fake.requests("POST", "/flags/").size(), "answered locally, no REST check");
    }
}
