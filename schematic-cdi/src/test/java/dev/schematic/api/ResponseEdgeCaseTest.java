package dev.schematic.api;

import static dev.schematic.api.SpecFile.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schematic.api.EdgeCaseBodies.Kind;
import dev.schematic.internal.http.JsonMapping;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * For every JSON response of every operation of the OpenAPI document: bodies generated from the spec (every member
 * present; every nullable member {@code null}; every optional member absent; unknown enum strings; extra members)
 * are first validated against the operation's response schema with networknt's validator (except the unknown-enum
 * body, which is deliberately outside the spec), then parsed with the SDK's JSON-B into the operation's generated
 * return type, and written back: what comes back is the body without its {@code null}s and extra members, so no
 * value is lost or altered, unknown enum strings included.
 */
class ResponseEdgeCaseTest {
    static final List<String> HTTP_METHODS = List.of("get", "post", "put", "delete", "patch");

    /** One JSON success response of one operation. */
    record JsonResponse(String operationId, String path, String method, String status, Map<String, Object> schema) {
        List<String> validate(JsonValue body) {
            return SpecValidator.responseErrors(path, method, status, body.toString());
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " " + status + " (" + operationId + ")";
        }
    }

    static List<JsonResponse> jsonResponses() {
        Map<String, Object> spec = SpecFile.load();
        List<JsonResponse> out = new ArrayList<>();
        for (Map.Entry<String, Object> p : map(spec.get("paths")).entrySet()) {
            Map<String, Object> item = map(p.getValue());
            for (String method : HTTP_METHODS) {
                if (!item.containsKey(method)) {
                    continue;
                }
                Map<String, Object> op = map(item.get(method));
                for (Map.Entry<String, Object> r : map(op.get("responses")).entrySet()) {
                    Map<String, Object> json =
                            map(map(map(r.getValue()).get("content")).get("application/json"));
                    if (r.getKey().startsWith("2") && json.containsKey("schema")) {
                        out.add(new JsonResponse(
                                (String) op.get("operationId"),
                                p.getKey(),
                                method,
                                r.getKey(),
                                map(json.get("schema"))));
                    }
                }
            }
        }
        return out;
    }

    /** The generated interface method of an operation (method name = operationId). */
    static Method apiMethod(String operationId) {
        for (Class<?> api : ApiResourceClients.INTERFACES) {
            for (Method m : api.getMethods()) {
                if (m.getName().equals(operationId) && !m.isDefault() && m.isAnnotationPresent(Path.class)) {
                    return m;
                }
            }
        }
        throw new AssertionError("no generated method for operation " + operationId);
    }

    @Test
    void everyOperationHasItsJsonResponsesCovered() {
        List<JsonResponse> responses = jsonResponses();
        // 268 operations; the five answering 204 or a file have no JSON body (docs/api-client.md quotes 263)
        assertEquals(263, responses.size(), "JSON success responses in the spec");
        for (JsonResponse r : responses) {
            Type t = apiMethod(r.operationId()).getGenericReturnType();
            assertFalse(t == void.class, r + " returns void although the spec gives it a JSON body");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyResponseParsesEveryEdgeCase() {
        EdgeCaseBodies bodies = new EdgeCaseBodies(SpecFile.load());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonResponse r : jsonResponses()) {
            for (Kind kind : Kind.values()) {
                tests.add(DynamicTest.dynamicTest(r + " " + kind, () -> {
                    JsonValue body = bodies.body(r.schema(), kind);
                    if (kind != Kind.UNKNOWN_ENUMS) {
                        List<String> errors = r.validate(body);
                        assertTrue(
                                errors.isEmpty(),
                                "generated body is not valid against the spec: " + errors + "\n" + body);
                    }
                    assertParsesWithoutLoss(apiMethod(r.operationId()).getGenericReturnType(), body);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theUnknownEnumBodyIsRejectedByTheValidator() {
        // the generator of edge cases is checked too: an unknown enum string must be outside the spec
        JsonResponse checkFlag = jsonResponses().stream()
                .filter(r -> r.operationId().equals("checkFlag"))
                .findFirst()
                .orElseThrow();
        JsonValue body = new EdgeCaseBodies(SpecFile.load()).body(checkFlag.schema(), Kind.UNKNOWN_ENUMS);
        List<String> errors = checkFlag.validate(body);
        assertFalse(errors.isEmpty(), "expected the validator to reject " + body);
        assertTrue(errors.toString().contains("rule_type"), errors.toString());
    }

    @Test
    void theValidatorRejectsAMissingRequiredMember() {
        List<String> errors = SpecValidator.responseErrors(
                "/flags/{key}/check", "post", "200", "{\"data\":{\"flag\":\"f\",\"reason\":\"r\"},\"params\":{}}");
        assertFalse(errors.isEmpty());
        assertTrue(errors.toString().contains("value"), errors.toString());
    }

    @Test
    void theValidatorTellsNullableMembersFromOthers() {
        String path = "/flags/{key}/check";
        String ok = "{\"data\":{\"flag\":\"f\",\"reason\":\"r\",\"value\":true,\"rule_type\":null,"
                + "\"feature_usage_period\":null,\"company_id\":null},\"params\":{}}";
        assertEquals(List.of(), SpecValidator.responseErrors(path, "post", "200", ok));
        List<String> errors =
                SpecValidator.responseErrors(path, "post", "200", ok.replace("\"value\":true", "\"value\":null"));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("/data/value"), errors.toString());
    }

    static void assertParsesWithoutLoss(Type type, JsonValue body) {
        Object parsed;
        try {
            parsed = JsonMapping.jsonb().fromJson(body.toString(), type);
        } catch (RuntimeException e) {
            throw new AssertionError("does not parse into " + type.getTypeName() + ": " + e + "\n" + body, e);
        }
        JsonValue written = Json.createReader(
                        new StringReader(JsonMapping.jsonb().toJson(parsed, type)))
                .readValue();
        JsonValue expected = withoutNullsAndExtras(body);
        if (!same(expected, written)) {
            fail("round trip through " + type.getTypeName() + " changed the body\n expected: " + expected
                    + "\n  written: " + written);
        }
    }

    /** The body as the SDK writes it back: no {@code null} members (nulls are not written), no extra members. */
    static JsonValue withoutNullsAndExtras(JsonValue v) {
        if (v instanceof JsonObject o) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            o.forEach((k, x) -> {
                if (x.getValueType() != JsonValue.ValueType.NULL && !k.equals(EdgeCaseBodies.EXTRA_MEMBER)) {
                    b.add(k, withoutNullsAndExtras(x));
                }
            });
            return b.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            a.forEach(x -> b.add(withoutNullsAndExtras(x)));
            return b.build();
        }
        return v;
    }

    /** Structural equality, numbers compared by value ({@code 1} equals {@code 1.0}). */
    static boolean same(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            Map<String, Boolean> ok = new HashMap<>();
            x.forEach((k, v) -> ok.put(k, same(v, y.get(k))));
            return !ok.containsValue(false);
        }
        if (a instanceof JsonArray x && b instanceof JsonArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    @Test
    void sameComparesNumbersByValueAndSeesAChangedMember() {
        JsonValue a =
                Json.createReader(new StringReader("{\"a\":[1,{\"b\":\"x\"}]}")).readValue();
        JsonValue b = Json.createReader(new StringReader("{\"a\":[1.0,{\"b\":\"x\"}]}"))
                .readValue();
        JsonValue c =
                Json.createReader(new StringReader("{\"a\":[1,{\"b\":\"y\"}]}")).readValue();
        assertTrue(same(a, b));
        assertFalse(same(a, c));
        assertEquals(
                Json.createObjectBuilder().add("k", 1).build(),
                withoutNullsAndExtras(Json.createReader(
                                new StringReader("{\"k\":1,\"n\":null,\"" + EdgeCaseBodies.EXTRA_MEMBER + "\":{}}"))
                        .readValue()));
    }
}
