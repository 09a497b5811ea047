package dev.schematic.api;

import static dev.schematic.api.SpecFile.list;
import static dev.schematic.api.SpecFile.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CheckFlagResponseData;
import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.api.model.RuleType;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** JSON round trips through JSON-B (Yasson) for every generated model. */
class ModelRoundTripTest {
    static final String MODEL_PACKAGE = "dev.schematic.api.model";
    static final OffsetDateTime SAMPLE_TIME =
            OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 123_000_000, ZoneOffset.ofHours(2));

    static Jsonb jsonb;

    @BeforeAll
    static void createJsonb() {
        // the same configuration as the SDK's http layer: nulls are left out
        jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    }

    @AfterAll
    static void closeJsonb() throws Exception {
        jsonb.close();
    }

    static List<Class<?>> modelClasses() throws IOException, URISyntaxException {
        Path dir = Path.of(RuleType.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(MODEL_PACKAGE.replace('.', '/'));
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .sorted()
                    .map(n -> load(MODEL_PACKAGE + "." + n.substring(0, n.length() - ".class".length())))
                    .collect(Collectors.toList());
        }
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isOpenEnum(Class<?> c) {
        try {
            c.getMethod("knownValues");
            return c.isRecord();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void everySchemaProducedAModel() throws Exception {
        List<Class<?>> classes = modelClasses();
        assertTrue(classes.size() > 500, "found " + classes.size() + " model classes");
        assertTrue(
                classes.stream().allMatch(c -> c.isRecord() || c.isSealed()),
                "every model is a record, or a sealed interface for a discriminated union");
        assertEquals(
                List.of("DataExportMetadata", "IntegrationConfig"),
                classes.stream()
                        .filter(Class::isSealed)
                        .map(Class::getSimpleName)
                        .collect(Collectors.toList()));
    }

    @TestFactory
    Stream<DynamicTest> sampleRoundTrip() throws Exception {
        return modelClasses().stream()
                .filter(c -> !isOpenEnum(c))
                .map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
                    Object sample = sample(c, c.getSimpleName(), 0);
                    String json = jsonb.toJson(sample);
                    JsonObject parsed =
                            Json.createReader(new StringReader(json)).readObject();
                    // every property is populated at the top level, so every wire name must appear
                    // (for a sealed union: those of the variant the sample is)
                    assertEquals(ApiContractTest.wireNames(sample.getClass()), parsed.keySet(), json);
                    Object back = jsonb.fromJson(json, c);
                    assertEquals(sample, back, json);
                    assertEquals(json, jsonb.toJson(back));
                }));
    }

    @TestFactory
    Stream<DynamicTest> openEnumsRoundTripKnownAndUnknownValues() throws Exception {
        return modelClasses().stream()
                .filter(ModelRoundTripTest::isOpenEnum)
                .map(c -> DynamicTest.dynamicTest(c.getSimpleName(), () -> {
                    Method of = c.getMethod("of", String.class);
                    Method isKnown = c.getMethod("isKnown");
                    for (Object known : (List<?>) c.getMethod("knownValues").invoke(null)) {
                        String json = jsonb.toJson(known);
                        assertEquals(Json.createValue(known.toString()).toString(), json);
                        Object back = jsonb.fromJson(json, c);
                        assertSame(known, back, "known values deserialize to the constant");
                        assertTrue((Boolean) isKnown.invoke(back));
                    }
                    Object unknown = of.invoke(null, "zz-not-in-the-spec \"quoted\"");
                    assertFalse((Boolean) isKnown.invoke(unknown));
                    String json = jsonb.toJson(unknown);
                    assertEquals("\"zz-not-in-the-spec \\\"quoted\\\"\"", json);
                    assertEquals(unknown, jsonb.fromJson(json, c));
                }));
    }

    @Test
    void unknownEnumValueInsideARecordRoundTripsUnchanged() {
        String json = "{\"data\":{\"flag\":\"f\",\"reason\":\"r\",\"rule_type\":\"brand_new_rule\",\"value\":true},"
                + "\"params\":{}}";
        CheckFlagResponse response = jsonb.fromJson(json, CheckFlagResponse.class);
        RuleType type = response.data().ruleType();
        assertEquals("brand_new_rule", type.value());
        assertFalse(type.isKnown());
        assertEquals(json, jsonb.toJson(response));

        CheckFlagResponseData known = jsonb.fromJson("{\"rule_type\":\"default\"}", CheckFlagResponseData.class);
        assertSame(RuleType.DEFAULT, known.ruleType());
    }

    @Test
    void unknownPropertiesAreIgnored() {
        CheckFlagResponseData data = jsonb.fromJson(
                "{\"flag\":\"f\",\"value\":false,\"added_later\":{\"x\":[1,2]}}", CheckFlagResponseData.class);
        assertEquals("f", data.flag());
        assertEquals(Boolean.FALSE, data.value());
    }

    @Test
    void datesParseAsJavaTime() {
        CompanyDetailResponseData company = jsonb.fromJson(
                "{\"id\":\"comp_1\",\"created_at\":\"2024-05-06T07:08:09.123456Z\","
                        + "\"updated_at\":\"2024-05-06T09:08:09+02:00\"}",
                CompanyDetailResponseData.class);
        assertInstanceOf(OffsetDateTime.class, company.createdAt());
        assertEquals(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.UTC), company.createdAt());
        assertEquals(ZoneOffset.ofHours(2), company.updatedAt().getOffset());
        String json = jsonb.toJson(company);
        assertTrue(json.contains("\"created_at\":\"2024-05-06T07:08:09.123456Z\""), json);
        assertTrue(json.contains("\"updated_at\":\"2024-05-06T09:08:09+02:00\""), json);
    }

    @Test
    void nullsAreNotWritten() {
        assertEquals("{}", jsonb.toJson(CheckFlagRequestBody.builder().build()));
        assertEquals(
                "{\"company\":{\"id\":\"comp_1\"}}",
                jsonb.toJson(CheckFlagRequestBody.builder()
                        .company(Map.of("id", "comp_1"))
                        .build()));
    }

    /** Spec examples (the spec has them on the echoed {@code params} of list responses). */
    @TestFactory
    Stream<DynamicTest> specExamplesRoundTrip() {
        Map<String, Object> spec = SpecFile.load();
        Map<String, Class<?>> byTag = ApiResourceClients.INTERFACES.stream()
                .collect(Collectors.toMap(
                        c -> c.getPackageName().substring(c.getPackageName().lastIndexOf('.') + 1), c -> c));
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Object> pathEntry : map(spec.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> opEntry : map(pathEntry.getValue()).entrySet()) {
                Map<String, Object> op = map(opEntry.getValue());
                Object opId = op.get("operationId");
                if (opId == null) {
                    continue;
                }
                Class<?> api = byTag.get(String.valueOf(list(op.get("tags")).get(0)));
                Method method = Arrays.stream(api.getMethods())
                        .filter(m -> m.getName().equals(opId) && ApiContractTest.httpMethodOf(m) != null)
                        .findFirst()
                        .orElseThrow();
                for (Map.Entry<String, Object> r : map(op.get("responses")).entrySet()) {
                    Map<String, Object> json =
                            map(map(map(r.getValue()).get("content")).get("application/json"));
                    if (!r.getKey().startsWith("2") || json.isEmpty()) {
                        continue;
                    }
                    JsonValue example = example(spec, map(json.get("schema")), 0);
                    if (example == null) {
                        continue;
                    }
                    Type type = method.getGenericReturnType();
                    tests.add(DynamicTest.dynamicTest(opId + " " + r.getKey(), () -> {
                        Object parsed = jsonb.fromJson(example.toString(), type);
                        String written = jsonb.toJson(parsed);
                        assertEquals(
                                example,
                                Json.createReader(new StringReader(written)).read(),
                                written);
                        assertEquals(parsed, jsonb.fromJson(written, type));
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "the spec has examples");
        return tests.stream();
    }

    /** A JSON value built from the {@code example}s of a schema's properties, or null when it has none. */
    static JsonValue example(Map<String, Object> spec, Map<String, Object> schema, int depth) {
        Map<String, Object> s = SpecFile.resolve(spec, schema);
        if (depth > 6) {
            return null;
        }
        JsonObjectBuilder object = Json.createObjectBuilder();
        boolean any = false;
        for (Map.Entry<String, Object> e : map(s.get("properties")).entrySet()) {
            Map<String, Object> prop = SpecFile.resolve(spec, map(e.getValue()));
            Object ex = map(e.getValue()).get("example");
            JsonValue value = ex != null ? coerce(prop, ex) : example(spec, prop, depth + 1);
            if (value != null) {
                object.add(e.getKey(), value);
                any = true;
            }
        }
        return any ? object.build() : null;
    }

    static JsonValue coerce(Map<String, Object> schema, Object example) {
        String text = String.valueOf(example);
        return switch (String.valueOf(schema.get("type"))) {
            case "integer" -> Json.createValue(Long.parseLong(text));
            case "number" -> Json.createValue(Double.parseDouble(text));
            case "boolean" -> Boolean.parseBoolean(text) ? JsonValue.TRUE : JsonValue.FALSE;
            default -> Json.createValue(text);
        };
    }

    // ------------------------------------------------------------------------------------------ sample builder

    static Object sample(Type type, String name, int depth) throws Exception {
        if (type instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            Type[] args = pt.getActualTypeArguments();
            if (raw == List.class) {
                Object element = sample(args[0], name, depth + 1);
                return element == null ? List.of() : List.of(element);
            }
            if (raw == Map.class) {
                Object value = sample(args[1], name, depth + 1);
                return value == null ? Map.of() : Map.of("k-" + name, value);
            }
            throw new IllegalArgumentException("unexpected generic type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "s-" + name;
        }
        if (c == Long.class) {
            return 42L + name.length();
        }
        if (c == Integer.class) {
            return 7 + name.length();
        }
        if (c == Double.class) {
            return 1.5 + name.length();
        }
        if (c == Boolean.class) {
            return name.length() % 2 == 0;
        }
        if (c == OffsetDateTime.class) {
            return SAMPLE_TIME.plusMinutes(name.length());
        }
        if (c == LocalDate.class) {
            return LocalDate.of(2024, 2, 29).plusDays(name.length());
        }
        if (c == Object.class) {
            // free-form JSON: strings survive a round trip unchanged (numbers come back as BigDecimal)
            return "v-" + name;
        }
        if (isOpenEnum(c)) {
            List<?> known = (List<?>) c.getMethod("knownValues").invoke(null);
            return known.get(name.length() % known.size());
        }
        if (c.isSealed()) {
            // a discriminated union: one of its variant records (their discriminator enums have the one value)
            Class<?>[] variants = java.util.Arrays.stream(c.getPermittedSubclasses())
                    .filter(Class::isRecord)
                    .sorted(java.util.Comparator.comparing(Class::getSimpleName))
                    .toArray(Class<?>[]::new);
            return sample(variants[name.length() % variants.length], name, depth);
        }
        if (c.isRecord()) {
            if (depth > 4) {
                return null;
            }
            RecordComponent[] components = c.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getGenericType(), components[i].getName(), depth + 1);
                types[i] = components[i].getType();
            }
            Constructor<?> canonical = c.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }

    @Test
    void sampleBuilderFillsNestedRecords() throws Exception {
        Object sample = sample(CheckFlagResponse.class, "x", 0);
        assertNotNull(((CheckFlagResponse) sample).data().ruleType());
    }
}
