package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.accounts.AccountsApi;
import dev.schematic.api.accounts.AccountsHttp;
import dev.schematic.api.accounts.ListApiKeysParams;
import dev.schematic.api.accounts.ListAuditLogsParams;
import dev.schematic.api.companies.CompaniesApi;
import dev.schematic.api.companies.CompaniesHttp;
import dev.schematic.api.companies.ListCompaniesParams;
import dev.schematic.api.entitlements.EntitlementsApi;
import dev.schematic.api.entitlements.EntitlementsHttp;
import dev.schematic.api.entitlements.ListFeatureUsageParams;
import jakarta.json.Json;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated {@code default} overloads (Params records, JSON-encoded map parameters, no-argument lists) must
 * delegate to the HTTP-mapped method with the right arguments and carry no JAX-RS annotations.
 */
class DefaultMethodsTest {

    /** A proxy that records the HTTP-mapped call and runs default methods for real. */
    static final class Recorder implements InvocationHandler {
        Method called;
        Object[] args;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "Recorder";
                };
            }
            called = method;
            this.args = args == null ? new Object[0] : args;
            return null;
        }
    }

    static <T> T proxy(Class<T> api, Recorder recorder) {
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, recorder));
    }

    @Test
    void defaultMethodsCarryNoJaxRsAnnotations() {
        int defaults = 0;
        for (Class<?> http : ApiResourceClients.INTERFACES) {
            for (Method m : concat(http.getDeclaredMethods(), http.getInterfaces()[0].getDeclaredMethods())) {
                if (!m.isDefault()) {
                    if (m.getDeclaringClass() == http) {
                        assertNotNull(ApiContractTest.httpMethodOf(m), "abstract methods are HTTP-mapped: " + m);
                    }
                    continue;
                }
                defaults++;
                assertNull(m.getAnnotation(Path.class), m.toString());
                for (Annotation a : m.getAnnotations()) {
                    assertNull(a.annotationType().getAnnotation(HttpMethod.class), m.toString());
                }
                for (Parameter p : m.getParameters()) {
                    assertEquals(0, p.getAnnotations().length, m + " " + p);
                }
            }
        }
        assertTrue(defaults > 100, "found " + defaults + " default methods");
    }

    /**
     * The public interface of each tag ({@code CompaniesApi}) is plain Java: no JAX-RS annotation, and an operation
     * with a Params record is offered only with it; the positional HTTP-mapped form lives in {@code CompaniesHttp}.
     */
    @Test
    void publicInterfacesOfferParamsMethodsNotPositionalOnes() {
        int widest = 0;
        int hidden = 0;
        for (Class<?> http : ApiResourceClients.INTERFACES) {
            Class<?> api = http.getInterfaces()[0];
            assertEquals(http.getSimpleName().replace("Http", "Api"), api.getSimpleName());
            assertEquals(0, api.getAnnotations().length, "no runtime annotation (@Generated is source-only): " + api);
            for (Method m : api.getDeclaredMethods()) {
                widest = Math.max(widest, m.getParameterCount());
                assertNull(ApiContractTest.httpMethodOf(m), m.toString());
                assertNull(m.getAnnotation(Path.class), m.toString());
                for (Parameter p : m.getParameters()) {
                    assertEquals(0, p.getAnnotations().length, m + " " + p);
                }
            }
            for (Method m : http.getDeclaredMethods()) {
                if (m.isDefault() || api.getMethods().length == 0) {
                    continue;
                }
                boolean inApi = Arrays.stream(api.getMethods())
                        .anyMatch(a -> a.getName().equals(m.getName())
                                && Arrays.equals(a.getParameterTypes(), m.getParameterTypes()));
                boolean hasParams = Arrays.stream(api.getMethods())
                        .anyMatch(a -> a.getName().equals(m.getName())
                                && a.getParameterCount() > 0
                                && a.getParameterTypes()[a.getParameterCount() - 1]
                                        .getSimpleName()
                                        .endsWith("Params"));
                assertEquals(!hasParams, inApi, "positional form public only without a Params record: " + m);
                if (!inApi) {
                    hidden++;
                }
            }
        }
        assertTrue(widest <= 5, "the widest public API method takes " + widest + " arguments");
        assertEquals(87, hidden, "positional methods behind Params records (one per operation with a Params record)");
    }

    private static Method[] concat(Method[] a, Method[] b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(Method[]::new);
    }

    /** Every Params overload, called with a fully populated sample record, passes each value through. */
    @TestFactory
    Stream<DynamicTest> paramsOverloadsDelegate() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> api : ApiResourceClients.INTERFACES) {
            for (Method m : api.getDeclaredMethods()) {
                Class<?>[] types = m.getParameterTypes();
                if (!m.isDefault()
                        || types.length == 0
                        || !types[types.length - 1].getSimpleName().endsWith("Params")) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(api.getSimpleName() + "." + m.getName(), () -> checkParams(api, m)));
            }
        }
        assertTrue(tests.size() > 50, "found " + tests.size() + " Params overloads");
        return tests.stream();
    }

    private static void checkParams(Class<?> api, Method m) throws Exception {
        Recorder recorder = new Recorder();
        Object[] args = new Object[m.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = ModelRoundTripTest.sample(m.getGenericParameterTypes()[i], "p" + i, 0);
        }
        Object params = args[args.length - 1];
        m.invoke(proxy(api, recorder), args);
        assertNotNull(recorder.called, "delegated to an HTTP-mapped method");
        assertEquals(m.getName(), recorder.called.getName());
        Parameter[] raw = recorder.called.getParameters();
        int matched = 0;
        for (RecordComponent c : params.getClass().getRecordComponents()) {
            Object value = c.getAccessor().invoke(params);
            int index = indexOf(raw, c.getName(), c.getName() + "Json");
            Object expected = value;
            if (value instanceof OffsetDateTime t) {
                expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            } else if (value instanceof Map<?, ?> map) {
                var json = Json.createObjectBuilder();
                map.forEach((k, v) -> json.add((String) k, (String) v));
                expected = json.build().toString();
            }
            assertEquals(expected, recorder.args[index], c.getName());
            matched++;
        }
        assertEquals(raw.length - (args.length - 1), matched, "every query parameter comes from the record");
        for (int i = 0; i < args.length - 1; i++) {
            assertEquals(args[i], recorder.args[i], "path parameters and body come first, unchanged");
        }
    }

    private static int indexOf(Parameter[] params, String... names) {
        for (int i = 0; i < params.length; i++) {
            if (Arrays.asList(names).contains(params[i].getName())) {
                return i;
            }
        }
        throw new AssertionError("no parameter named " + Arrays.toString(names));
    }

    @Test
    void paramsRecordBuilderAndNoArgumentOverload() {
        Recorder recorder = new Recorder();
        CompaniesApi companies = proxy(CompaniesHttp.class, recorder);

        companies.listCompanies(
                ListCompaniesParams.builder().limit(50).q("acme").build());
        assertEquals(50L, recorder.args[indexOf(recorder.called.getParameters(), "limit")]);
        assertEquals("acme", recorder.args[indexOf(recorder.called.getParameters(), "q")]);
        assertNull(recorder.args[indexOf(recorder.called.getParameters(), "offset")]);

        companies.listCompanies();
        assertEquals(recorder.called.getParameterCount(), recorder.args.length);
        assertArrayEquals(new Object[recorder.args.length], recorder.args, "no query parameter is set");
    }

    @Test
    void requiredQueryParametersAreCheckedByTheBuilder() {
        NullPointerException e = assertThrows(
                NullPointerException.class, () -> ListApiKeysParams.builder().build());
        assertTrue(e.getMessage().contains("is required"), e.getMessage());
    }

    @Test
    void timestampsAreSentAsRfc3339WithSeconds() {
        Recorder recorder = new Recorder();
        AccountsApi accounts = proxy(AccountsHttp.class, recorder);
        accounts.listAuditLogs(ListAuditLogsParams.builder()
                .startTime(OffsetDateTime.of(2024, 1, 2, 3, 4, 0, 0, ZoneOffset.UTC))
                .build());
        assertEquals("2024-01-02T03:04:00Z", recorder.args[indexOf(recorder.called.getParameters(), "startTime")]);
    }

    @Test
    void mapQueryParametersAreSentAsOneJsonObject() {
        Recorder recorder = new Recorder();
        CompaniesApi companies = proxy(CompaniesHttp.class, recorder);
        companies.lookupCompany(Map.of("id", "acme", "quote", "a\"b"));
        assertEquals(
                Json.createObjectBuilder()
                        .add("id", "acme")
                        .add("quote", "a\"b")
                        .build(),
                Json.createReader(new StringReader((String) recorder.args[0])).readObject());

        EntitlementsApi entitlements = proxy(EntitlementsHttp.class, recorder);
        entitlements.listFeatureUsage(ListFeatureUsageParams.builder()
                .companyKeys(Map.of("id", "acme"))
                .build());
        assertEquals("{\"id\":\"acme\"}", recorder.args[indexOf(recorder.called.getParameters(), "companyKeysJson")]);
    }
}
