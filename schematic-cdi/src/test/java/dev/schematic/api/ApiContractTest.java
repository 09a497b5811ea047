package dev.schematic.api;

import static dev.schematic.api.SpecFile.list;
import static dev.schematic.api.SpecFile.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the generated interfaces and models against the OpenAPI spec, operation by operation. The spec is the
 * project's copy ({@code src/test/resources/openapi/schematic-openapi.yaml}), so this never skips.
 */
class ApiContractTest {
    static final int EXPECTED_OPERATIONS = 268;
    static final List<String> HTTP_METHODS = List.of("get", "post", "put", "delete", "patch");

    @Test
    void everyOperationIsCoveredByItsTagInterface() {
        Map<String, Object> spec = SpecFile.load();
        Map<String, Class<?>> byTag = new LinkedHashMap<>();
        for (Class<?> api : ApiResourceClients.INTERFACES) {
            String pkg = api.getPackageName();
            byTag.put(pkg.substring(pkg.lastIndexOf('.') + 1), api);
        }

        int total = 0;
        int covered = 0;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> pathEntry : map(spec.get("paths")).entrySet()) {
            String path = pathEntry.getKey();
            Map<String, Object> item = map(pathEntry.getValue());
            for (String method : HTTP_METHODS) {
                if (!item.containsKey(method)) {
                    continue;
                }
                total++;
                Map<String, Object> op = map(item.get(method));
                List<String> opProblems = new ArrayList<>();
                check(spec, byTag, path, method, op, list(item.get("parameters")), opProblems);
                if (opProblems.isEmpty()) {
                    covered++;
                } else {
                    problems.add(method.toUpperCase() + " " + path + " (" + op.get("operationId") + "): "
                            + String.join("; ", opProblems));
                }
            }
        }
        System.out.println("covered " + covered + " of " + total);
        assertEquals(EXPECTED_OPERATIONS, total, "the spec's operation count changed");
        if (covered < EXPECTED_OPERATIONS) {
            fail("covered " + covered + " of " + total + "; missing or wrong:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void everyComponentSchemaHasAModelWithTheSameWireNames() throws Exception {
        Map<String, Object> spec = SpecFile.load();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Object> e : SpecFile.schemas(spec).entrySet()) {
            Class<?> type;
            try {
                type = Class.forName("dev.schematic.api.model." + e.getKey());
            } catch (ClassNotFoundException ex) {
                problems.add(e.getKey() + ": no model class");
                continue;
            }
            Map<String, Object> schema = map(e.getValue());
            checked++;
            if (schema.containsKey("enum")) {
                Set<String> expected = list(schema.get("enum")).stream()
                        .map(String::valueOf)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> actual = new TreeSet<>();
                for (Object known : (List<?>) type.getMethod("knownValues").invoke(null)) {
                    actual.add(known.toString());
                }
                if (!expected.equals(actual)) {
                    problems.add(e.getKey() + ": enum values " + actual + " != " + expected);
                }
            } else if (schema.containsKey("properties")) {
                Set<String> expected =
                        new TreeSet<>(map(schema.get("properties")).keySet());
                Set<String> actual = wireNames(type);
                if (!expected.equals(actual)) {
                    problems.add(e.getKey() + ": properties " + actual + " != " + expected);
                }
            } else if (schema.containsKey("oneOf") && type.isSealed()) {
                // a discriminated union: a sealed interface over the variant records, plus Unknown
                Set<String> expected = new TreeSet<>(Set.of("Unknown"));
                for (Object v : list(schema.get("oneOf"))) {
                    String ref = String.valueOf(map(v).get("$ref"));
                    expected.add(ref.substring(ref.lastIndexOf('/') + 1));
                }
                Set<String> actual = Arrays.stream(type.getPermittedSubclasses())
                        .map(Class::getSimpleName)
                        .collect(Collectors.toCollection(TreeSet::new));
                if (!schema.containsKey("discriminator") || !expected.equals(actual)) {
                    problems.add(e.getKey() + ": sealed variants " + actual + " != " + expected);
                }
            } else if (schema.containsKey("oneOf")) {
                Set<String> expected = new TreeSet<>();
                for (Object v : list(schema.get("oneOf"))) {
                    expected.addAll(map(SpecFile.resolve(spec, map(v)).get("properties"))
                            .keySet());
                }
                if (!expected.equals(wireNames(type))) {
                    problems.add(e.getKey() + ": union properties " + wireNames(type) + " != " + expected);
                }
            }
        }
        System.out.println("component schemas checked: " + checked);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static void check(
            Map<String, Object> spec,
            Map<String, Class<?>> byTag,
            String path,
            String httpMethod,
            Map<String, Object> op,
            List<Object> sharedParams,
            List<String> problems) {
        String operationId = (String) op.get("operationId");
        List<Object> tags = list(op.get("tags"));
        Class<?> api = tags.size() == 1 ? byTag.get(String.valueOf(tags.get(0))) : null;
        if (api == null) {
            problems.add("no interface for tags " + tags);
            return;
        }
        List<Method> mapped = Arrays.stream(api.getMethods())
                .filter(m -> m.getName().equals(operationId) && httpMethodOf(m) != null)
                .collect(Collectors.toList());
        if (mapped.size() != 1) {
            problems.add(mapped.size() + " HTTP-mapped methods named " + operationId + " in " + api.getSimpleName());
            return;
        }
        Method m = mapped.get(0);
        if (!httpMethod.equalsIgnoreCase(httpMethodOf(m))) {
            problems.add("HTTP method " + httpMethodOf(m) + " != " + httpMethod.toUpperCase());
        }
        Path pathAnnotation = m.getAnnotation(Path.class);
        if (pathAnnotation == null || !path.equals(pathAnnotation.value())) {
            problems.add("@Path " + (pathAnnotation == null ? null : pathAnnotation.value()) + " != " + path);
        }

        Set<String> specPath = new TreeSet<>();
        Set<String> specQuery = new TreeSet<>();
        List<Object> params = new ArrayList<>(sharedParams);
        params.addAll(list(op.get("parameters")));
        for (Object p : params) {
            Map<String, Object> param = map(p);
            ("path".equals(param.get("in")) ? specPath : specQuery).add((String) param.get("name"));
        }
        Set<String> javaPath = new TreeSet<>();
        Set<String> javaQuery = new TreeSet<>();
        List<Parameter> bodies = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            PathParam pp = p.getAnnotation(PathParam.class);
            QueryParam qp = p.getAnnotation(QueryParam.class);
            if (pp != null) {
                javaPath.add(pp.value());
            } else if (qp != null) {
                javaQuery.add(qp.value());
            } else {
                bodies.add(p);
            }
        }
        if (!specPath.equals(javaPath)) {
            problems.add("path params " + javaPath + " != " + specPath);
        }
        if (!specQuery.equals(javaQuery)) {
            problems.add("query params " + javaQuery + " != " + specQuery);
        }

        Map<String, Object> requestBody = map(op.get("requestBody"));
        if (requestBody.isEmpty()) {
            if (!bodies.isEmpty()) {
                problems.add("unexpected body parameter");
            }
        } else if (bodies.size() != 1) {
            problems.add(bodies.size() + " body parameters");
        } else {
            Map<String, Object> schema = map(
                    map(map(requestBody.get("content")).get("application/json")).get("schema"));
            compareObject(spec, "body", schema, bodies.get(0).getParameterizedType(), problems);
        }

        Map<String, Object> responses = map(op.get("responses"));
        String success = responses.keySet().stream()
                .filter(c -> c.startsWith("2"))
                .sorted()
                .findFirst()
                .orElse(null);
        Map<String, Object> content = map(map(responses.get(success)).get("content"));
        if (content.isEmpty()) {
            if (m.getReturnType() != void.class) {
                problems.add("return " + m.getReturnType().getSimpleName() + " for an empty " + success);
            }
        } else if (!content.containsKey("application/json")) {
            if (m.getReturnType() != Response.class) {
                problems.add("binary download should return Response, not " + m.getReturnType());
            }
        } else {
            Map<String, Object> envelope =
                    map(map(content.get("application/json")).get("schema"));
            compareObject(spec, "response", envelope, m.getGenericReturnType(), problems);
            Map<String, Object> props = map(SpecFile.resolve(spec, envelope).get("properties"));
            for (RecordComponent rc : recordComponents(m.getReturnType())) {
                String wire = wireName(rc);
                if (props.containsKey(wire)) {
                    compareObject(spec, "response." + wire, map(props.get(wire)), rc.getGenericType(), problems);
                }
            }
        }
    }

    /** Compares a schema's property names with the JSON-B names of the Java type (records, lists of records). */
    private static void compareObject(
            Map<String, Object> spec, String where, Map<String, Object> schema, Type type, List<String> problems) {
        Map<String, Object> s = SpecFile.resolve(spec, schema);
        if ("array".equals(s.get("type"))) {
            if (!(type instanceof ParameterizedType pt) || pt.getRawType() != List.class) {
                problems.add(where + ": expected a List, got " + type.getTypeName());
                return;
            }
            compareObject(spec, where + "[]", map(s.get("items")), pt.getActualTypeArguments()[0], problems);
            return;
        }
        Map<String, Object> props = map(s.get("properties"));
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (props.isEmpty()) {
            if (!s.containsKey("oneOf") && !Map.class.isAssignableFrom(raw) && !raw.isRecord()) {
                problems.add(where + ": free-form object should be a Map, got " + type.getTypeName());
            }
            return;
        }
        if (!raw.isRecord()) {
            problems.add(where + ": expected a record, got " + type.getTypeName());
            return;
        }
        Set<String> expected = new TreeSet<>(props.keySet());
        Set<String> actual = wireNames(raw);
        if (!expected.equals(actual)) {
            problems.add(where + " " + raw.getSimpleName() + ": properties " + actual + " != " + expected);
        }
    }

    static RecordComponent[] recordComponents(Class<?> type) {
        return type.isRecord() ? type.getRecordComponents() : new RecordComponent[0];
    }

    static Set<String> wireNames(Class<?> record) {
        Set<String> names = new TreeSet<>();
        for (RecordComponent rc : recordComponents(record)) {
            names.add(wireName(rc));
        }
        return names;
    }

    static String wireName(RecordComponent rc) {
        JsonbProperty p = rc.getAccessor().getAnnotation(JsonbProperty.class);
        return p == null ? rc.getName() : p.value();
    }

    static String httpMethodOf(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod hm = a.annotationType().getAnnotation(HttpMethod.class);
            if (hm != null) {
                return hm.value();
            }
        }
        return null;
    }
}
