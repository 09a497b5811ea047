package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.api.EdgeCaseBodies.Kind;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagsBulkRequestBody;
import dev.schematic.api.model.CheckFlagsBulkResponse;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The three flag-check operations answered over real HTTP (the test kit serving the body verbatim) with the spec's
 * edge cases of their response schemas: every nullable member {@code null}, every optional member absent, unknown
 * enum strings, extra members. Each body carries {@code true} and then {@code false} with the SDK's flag default set
 * to the opposite, so a check that fell back to the default cannot pass: the {@link FlagCheck} must carry the body's
 * value, with source {@code API}.
 */
class FlagCheckEdgeCaseTest {
    static final String FLAG = "edge-flag";
    static final Map<String, String> ACME = Map.of("id", "acme");

    static FakeSchematic fake;
    static EdgeCaseBodies bodies;

    @BeforeAll
    static void start() {
        fake = FakeSchematic.start();
        bodies = new EdgeCaseBodies(SpecFile.load());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    static Schematic client(boolean flagDefault) {
        return Schematic.builder()
                .apiKey("sch_dev_flag_edge_cases")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .cacheEnabled(false)
                .flagDefault(FLAG, flagDefault)
                .build();
    }

    static ResponseEdgeCaseTest.JsonResponse response(String operationId) {
        return ResponseEdgeCaseTest.jsonResponses().stream()
                .filter(r -> r.operationId().equals(operationId))
                .findFirst()
                .orElseThrow();
    }

    /** The generated body with every flag result's {@code flag} set to {@link #FLAG} and {@code value} to {@code value}. */
    static JsonValue withFlag(JsonValue v, boolean value) {
        if (v instanceof JsonObject o) {
            var b = Json.createObjectBuilder();
            o.forEach((k, x) -> b.add(k, withFlag(x, value)));
            if (o.containsKey("flag") && o.containsKey("value") && o.containsKey("reason")) {
                b.add("flag", FLAG).add("value", value);
            }
            return b.build();
        }
        if (v instanceof jakarta.json.JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(x -> b.add(withFlag(x, value)));
            return b.build();
        }
        return v;
    }

    static JsonValue body(ResponseEdgeCaseTest.JsonResponse r, Kind kind, boolean value) {
        JsonValue body = withFlag(bodies.body(r.schema(), kind), value);
        if (kind != Kind.UNKNOWN_ENUMS) {
            List<String> errors = r.validate(body);
            assertTrue(errors.isEmpty(), "generated body is not valid against the spec: " + errors + "\n" + body);
        }
        return body;
    }

    @TestFactory
    Stream<DynamicTest> everyEdgeCaseOfEveryFlagCheckOperationCarriesTheBodysValue() {
        ResponseEdgeCaseTest.JsonResponse one = response("checkFlag");
        ResponseEdgeCaseTest.JsonResponse many = response("checkFlags");
        ResponseEdgeCaseTest.JsonResponse bulk = response("checkFlagsBulk");
        List<DynamicTest> tests = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (boolean value : new boolean[] {true, false}) {
                String name = kind + " value=" + value;
                tests.add(DynamicTest.dynamicTest("checkFlag " + name, () -> {
                    JsonValue b = body(one, kind, value);
                    fake.respond("POST", "/flags/{key}/check", Integer.parseInt(one.status()), b.toString());
                    try (Schematic s = client(!value)) {
                        FlagCheck check = s.checkFlagDetailed(FLAG, ACME, Map.of());
                        assertEquals(value, check.value(), check + "\n" + b);
                        assertEquals(FlagCheck.Source.API, check.source(), check + "\n" + b);
                    }
                }));
                tests.add(DynamicTest.dynamicTest("checkFlags " + name, () -> {
                    JsonValue b = body(many, kind, value);
                    fake.respond("POST", "/flags/check", Integer.parseInt(many.status()), b.toString());
                    try (Schematic s = client(!value)) {
                        List<FlagCheck> checks = s.checkFlags(List.of(FLAG), ACME, Map.of());
                        assertEquals(1, checks.size(), checks + "\n" + b);
                        assertEquals(value, checks.get(0).value(), checks + "\n" + b);
                        assertEquals(FlagCheck.Source.API, checks.get(0).source(), checks + "\n" + b);
                    }
                }));
                tests.add(DynamicTest.dynamicTest("checkFlagsBulk " + name, () -> {
                    JsonValue b = body(bulk, kind, value);
                    fake.respond("POST", "/flags/check-bulk", Integer.parseInt(bulk.status()), b.toString());
                    try (Schematic s = client(!value)) {
                        CheckFlagsBulkResponse r = s.features()
                                .checkFlagsBulk(CheckFlagsBulkRequestBody.builder()
                                        .contexts(List.of(CheckFlagRequestBody.builder()
                                                .company(ACME)
                                                .build()))
                                        .build());
                        var result = r.data().data().get(0).flags().get(0);
                        assertEquals(FLAG, result.flag(), b.toString());
                        assertEquals(value, result.value(), b.toString());
                    }
                }));
            }
        }
        return tests.stream();
    }
}
