package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.Schematic;
import dev.schematic.SchematicApiException;
import dev.schematic.api.companies.CompaniesApi;
import dev.schematic.api.companies.ListCompaniesParams;
import dev.schematic.api.model.CheckFlagRequestBody;
import dev.schematic.api.model.CheckFlagResponse;
import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.api.model.SubscriptionStatus;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.RecordedRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every generated operation called over real HTTP through the SDK's facade ({@code Schematic extends ApiResources})
 * against the test kit's {@link FakeSchematic}: the request's method, path, query and body are checked, and the
 * canned response must come back as the typed record.
 */
class ApiOverHttpTest {
    static FakeSchematic fake;
    static Schematic schematic;
    static Jsonb jsonb;

    @BeforeAll
    static void start() {
        fake = FakeSchematic.start();
        schematic = Schematic.builder()
                .apiKey("sch_dev_api_over_http")
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build();
        jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    }

    @AfterAll
    static void stop() throws Exception {
        schematic.close();
        fake.close();
        jsonb.close();
    }

    static Object accessor(Class<?> api) throws Exception {
        for (Method m : ApiResources.class.getMethods()) {
            if (m.getReturnType().isAssignableFrom(api)) { // CompaniesApi for CompaniesHttp
                return m.invoke(schematic);
            }
        }
        throw new AssertionError("no ApiResources accessor for " + api);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOverHttp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> api : ApiResourceClients.INTERFACES) {
            Arrays.stream(api.getMethods())
                    .filter(m -> ApiContractTest.httpMethodOf(m) != null)
                    .sorted(Comparator.comparing(Method::getName))
                    .forEach(m -> tests.add(
                            DynamicTest.dynamicTest(api.getSimpleName() + "." + m.getName(), () -> call(api, m))));
        }
        assertEquals(ApiContractTest.EXPECTED_OPERATIONS, tests.size());
        return tests.stream();
    }

    private void call(Class<?> api, Method m) throws Exception {
        fake.reset();
        String httpMethod = ApiContractTest.httpMethodOf(m);
        String template = m.getAnnotation(Path.class).value();
        Object[] args = new Object[m.getParameterCount()];
        String expectedPath = template;
        Map<String, List<String>> expectedQuery = new LinkedHashMap<>();
        String expectedBody = null;
        Parameter[] params = m.getParameters();
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            PathParam pp = p.getAnnotation(PathParam.class);
            QueryParam qp = p.getAnnotation(QueryParam.class);
            if (pp != null) {
                args[i] = "id-" + i;
                expectedPath = expectedPath.replace("{" + pp.value() + "}", "id-" + i);
            } else if (qp != null) {
                Object value = queryValue(p, qp.value(), i);
                args[i] = value;
                List<String> wire = value instanceof List<?> l
                        ? l.stream().map(String::valueOf).collect(Collectors.toList())
                        : List.of(String.valueOf(value));
                expectedQuery.put(qp.value(), wire);
            } else {
                args[i] = ModelRoundTripTest.sample(p.getParameterizedType(), p.getName(), 0);
                expectedBody = jsonb.toJson(args[i]);
            }
        }
        Object expectedResult = null;
        if (m.getReturnType() == void.class) {
            fake.respond(httpMethod, template, 204, null);
        } else if (m.getReturnType() == Response.class) {
            fake.respond(httpMethod, template, 200, "id,name\n1,acme\n");
        } else {
            expectedResult = ModelRoundTripTest.sample(m.getGenericReturnType(), m.getName(), 0);
            fake.respond(httpMethod, template, 200, jsonb.toJson(expectedResult));
        }

        Object result = m.invoke(accessor(api), args);

        List<RecordedRequest> requests = fake.requests();
        assertEquals(1, requests.size(), "one HTTP request: " + requests);
        RecordedRequest request = requests.get(0);
        assertEquals(httpMethod, request.method());
        assertEquals(expectedPath, request.path());
        assertEquals(expectedQuery, request.queryParams(), "query " + request.query());
        if (expectedBody != null) {
            assertEquals(parse(expectedBody), request.bodyJson());
            assertTrue(request.header("Content-Type").startsWith("application/json"), request.header("Content-Type"));
        } else {
            assertEquals(0, request.body().length, "no body");
        }
        if (m.getReturnType() == void.class) {
            assertNull(result);
        } else if (m.getReturnType() == Response.class) {
            try (Response r = (Response) result) {
                assertEquals(200, r.getStatus());
                assertEquals("id,name\n1,acme\n", r.readEntity(String.class));
            }
        } else {
            assertEquals(expectedResult, result);
        }
    }

    private static Object queryValue(Parameter p, String wire, int i) throws Exception {
        if (wire.equals("keys") && p.getType() == String.class) {
            return "{\"id\":\"k-" + i + "\"}";
        }
        if (p.getParameterizedType() instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            Object a = ModelRoundTripTest.sample(pt.getActualTypeArguments()[0], "a" + i, 1);
            Object b = ModelRoundTripTest.sample(pt.getActualTypeArguments()[0], "bb" + i, 1);
            return List.of(a, b);
        }
        if (p.getType() == String.class && p.getName().endsWith("Json")) {
            return "{\"k\":\"v\"}";
        }
        return ModelRoundTripTest.sample(p.getType(), wire + i, 1);
    }

    static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    // ------------------------------------------------------------------------------------ one call per resource

    @Test
    void typedCallsThroughTheFacade() {
        fake.reset();
        fake.respond(
                "POST",
                "/flags/{key}/check",
                200,
                "{\"data\":{\"flag\":\"new-ui\",\"value\":true,\"reason\":\"match\",\"rule_type\":\"new_kind\"},"
                        + "\"params\":{}}");
        CheckFlagResponse flag = schematic
                .features()
                .checkFlag(
                        "new-ui",
                        CheckFlagRequestBody.builder()
                                .company(Map.of("id", "acme"))
                                .build());
        assertEquals(Boolean.TRUE, flag.data().value());
        assertEquals("new_kind", flag.data().ruleType().value());
        assertEquals(
                "{\"company\":{\"id\":\"acme\"}}",
                fake.requests().get(0).bodyJson().toString());

        fake.reset();
        fake.respond("GET", "/companies", 200, "{\"data\":[{\"id\":\"comp_1\",\"name\":\"Acme\"}],\"params\":{}}");
        List<CompanyDetailResponseData> page = schematic
                .companies()
                .listCompanies(ListCompaniesParams.builder()
                        .limit(50)
                        .q("acme")
                        .subscriptionStatuses(List.of(SubscriptionStatus.ACTIVE, new SubscriptionStatus("future")))
                        .build())
                .data();
        assertEquals("Acme", page.get(0).name());
        RecordedRequest r = fake.requests().get(0);
        assertEquals("50", r.queryParam("limit"));
        assertEquals("acme", r.queryParam("q"));
        assertEquals(List.of("active", "future"), r.queryParams().get("subscription_statuses"));
        assertNull(r.queryParam("offset"), "unset parameters are not sent");
    }

    @Test
    void countTakesTheListParamsRecord() {
        fake.reset();
        fake.respond("GET", "/companies/count", 200, "{\"data\":{\"count\":3},\"params\":{}}");
        ListCompaniesParams filter =
                ListCompaniesParams.builder().q("acme").limit(5).build();
        assertEquals(3L, schematic.companies().countCompanies(filter).data().count());
        RecordedRequest r = fake.requests().get(0);
        assertEquals("/companies/count", r.path());
        assertEquals("acme", r.queryParam("q"));
        assertEquals("5", r.queryParam("limit"));
        assertNull(r.queryParam("offset"), "unset parameters are not sent");
    }

    @Test
    void lookupSendsKeysAsOneJsonParameter() {
        fake.reset();
        fake.respond("GET", "/companies/lookup", 200, "{\"data\":{\"id\":\"comp_1\"},\"params\":{}}");
        CompaniesApi companies = schematic.companies();
        assertEquals(
                "comp_1", companies.lookupCompany(Map.of("id", "acme")).data().id());
        assertEquals(parse("{\"id\":\"acme\"}"), parse(fake.requests().get(0).queryParam("keys")));
    }

    @Test
    void paginatesOverHttp() {
        fake.reset();
        fake.respond("GET", "/companies", 200, "{\"data\":[{\"id\":\"c1\"},{\"id\":\"c2\"}],\"params\":{}}");
        List<String> ids = Pages.stream(
                        offset -> schematic
                                .companies()
                                .listCompanies(ListCompaniesParams.builder()
                                        .limit(2)
                                        .offset(offset)
                                        .build())
                                .data(),
                        2)
                .limit(5)
                .map(CompanyDetailResponseData::id)
                .collect(Collectors.toList());
        // the canned page is always full, so the walk goes on as far as it is consumed
        assertEquals(List.of("c1", "c2", "c1", "c2", "c1"), ids);
        assertEquals(
                List.of("0", "2", "4"),
                fake.requests().stream().map(x -> x.queryParam("offset")).collect(Collectors.toList()));
    }

    @Test
    void errorsSurfaceAsSchematicApiException() {
        for (int status : IntStream.of(400, 401, 403, 404, 500).toArray()) {
            fake.reset();
            fake.respond("GET", "/companies/{company_id}", status, "{\"error\":\"nope " + status + "\"}");
            SchematicApiException e = assertThrows(
                    SchematicApiException.class, () -> schematic.companies().getCompany("comp_x"));
            assertEquals(status, e.status());
            assertTrue(e.body().contains("nope " + status), e.body());
        }
        fake.reset();
        fake.respond("GET", "/companies/{company_id}", 404, "{\"error\":\"no such company\"}");
        assertInstanceOf(
                SchematicApiException.NotFound.class,
                assertThrows(
                        SchematicApiException.class, () -> schematic.companies().getCompany("comp_x")));
        assertNotNull(schematic.plans());
    }
}
