package dev.schematic.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Schematic OpenAPI document as a judge: finds the operation of a request and validates request and response
 * bodies against its schemas with networknt's json-schema-validator (OpenAPI 3.0 dialect, so {@code nullable} is
 * honoured). Parsed once per JVM ({@link #shared()}); compiled schemas are cached.
 *
 * <p>The document is found, in order: the system property {@code schematic.openapi} (a file path); the classpath
 * resource {@value #RESOURCE} (the test kit's jar carries it, see the module's pom); {@value #RELATIVE} in the working
 * directory or a parent of it.
 */
final class OpenApiContract {
    static final String PROPERTY = "schematic.openapi";
    static final String RESOURCE = "dev/schematic/testkit/schematic-openapi.yaml";
    static final String RELATIVE = "schematic-cdi/src/test/resources/openapi/schematic-openapi.yaml";
    private static final String BASE = "https://contract.schematic.test/openapi.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    /** One operation: its method, path template segments and the JSON pointers of its body schemas. */
    record Operation(String method, String template, String[] segments, String id, JsonNode node) {
        int literalSegments() {
            int n = 0;
            for (String s : segments) {
                n += s.startsWith("{") ? 0 : 1;
            }
            return n;
        }

        boolean matches(String requestMethod, String[] path) {
            if (!method.equals(requestMethod) || segments.length != path.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (!segments[i].startsWith("{") && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static volatile OpenApiContract shared;
    private static volatile RuntimeException loadFailure;

    private final JsonNode root;
    private final List<Operation> operations;
    private final SchemaRegistry registry;
    private final Map<String, Optional<Schema>> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(String yaml, String source) {
        String json = JsonCache.json(yaml);
        this.root = JSON.readTree(json);
        if (!root.path("paths").isObject()) {
            throw new IllegalStateException("not an OpenAPI document (no paths): " + source);
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(BASE, json)));
        List<Operation> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (String m : METHODS) {
                JsonNode op = path.getValue().get(m);
                if (op != null) {
                    ops.add(new Operation(
                            m.toUpperCase(Locale.ROOT),
                            path.getKey(),
                            PathSegments.split(path.getKey(), false),
                            op.path("operationId").asString(m + " " + path.getKey()),
                            op));
                }
            }
        }
        // literal segments win over templates: /companies/lookup before /companies/{company_id}
        ops.sort(Comparator.comparingInt(Operation::literalSegments).reversed());
        this.operations = List.copyOf(ops);
    }

    /**
     * The JVM's contract, parsed on first use.
     *
     * @throws IllegalStateException when the document cannot be found or read (the message says where it looked)
     */
    static OpenApiContract shared() {
        OpenApiContract c = shared;
        if (c != null) {
            return c;
        }
        synchronized (OpenApiContract.class) {
            if (shared == null && loadFailure == null) {
                try {
                    shared = load();
                } catch (RuntimeException e) {
                    loadFailure = e;
                }
            }
            if (loadFailure != null) {
                throw loadFailure;
            }
            return shared;
        }
    }

    private static OpenApiContract load() {
        String override = System.getProperty(PROPERTY);
        try {
            if (override != null && !override.isBlank()) {
                return new OpenApiContract(Files.readString(Path.of(override)), override);
            }
            try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in != null) {
                    return new OpenApiContract(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
                }
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(RELATIVE);
                if (Files.isRegularFile(candidate)) {
                    return new OpenApiContract(Files.readString(candidate), candidate.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
        throw new IllegalStateException("OpenAPI document not found: set -D" + PROPERTY + "=<file>, or put " + RESOURCE
                + " on the classpath, or " + RELATIVE + " in a parent directory");
    }

    /** The operation serving this request, or null when the document has none. */
    Operation find(String method, String[] segments) {
        for (Operation op : operations) {
            if (op.matches(method, segments)) {
                return op;
            }
        }
        return null;
    }

    /** Problems of a request body; empty when valid or when the operation takes no body. */
    List<String> checkRequest(Operation op, byte[] body) {
        JsonNode requestBody = op.node().path("requestBody");
        if (requestBody.isMissingNode()) {
            return List.of();
        }
        String pointer = pointerOf(op, "requestBody");
        if (requestBody.has("$ref")) {
            pointer = requestBody.get("$ref").asString().substring(1);
            requestBody = resolve(requestBody);
        }
        if (body.length == 0) {
            return requestBody.path("required").asBoolean(false) ? List.of("request body is required") : List.of();
        }
        return validate(pointer + "/content/application~1json/schema", body);
    }

    /** Problems of a response body for {@code status}; empty when valid or when the status is not declared. */
    List<String> checkResponse(Operation op, int status, byte[] body) {
        JsonNode response = op.node().path("responses").path(String.valueOf(status));
        if (response.isMissingNode()) {
            return List.of(); // undeclared status (e.g. 429, 503): nothing to judge the body by
        }
        String pointer = pointerOf(op, "responses/" + status);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asString().substring(1);
            response = resolve(response);
        }
        if (!response.path("content").has("application/json")) {
            return body.length == 0 ? List.of() : List.of("HTTP " + status + " declares no body but one was sent");
        }
        if (body.length == 0) {
            return List.of("HTTP " + status + " body is required (application/json)");
        }
        return validate(pointer + "/content/application~1json/schema", body);
    }

    /** Problems of {@code json} against the component schema {@code name}. */
    List<String> checkComponent(String name, byte[] json) {
        return validate("/components/schemas/" + name, json);
    }

    private List<String> validate(String pointer, byte[] json) {
        Optional<Schema> schema = schemas.computeIfAbsent(pointer, p -> {
            JsonNode node = root.at(p);
            return node.isMissingNode()
                    ? Optional.empty()
                    : Optional.of(registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
        });
        if (schema.isEmpty()) {
            return List.of();
        }
        JsonNode instance;
        try {
            instance = JSON.readTree(json);
        } catch (RuntimeException e) {
            return List.of("body is not JSON: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (Error e : schema.get().validate(instance)) {
            out.add(e.getInstanceLocation() + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * The document as JSON. Parsing the 34,000-line YAML takes seconds on a busy machine, JSON a tenth of it, so the
     * JSON form is kept in the temporary directory, named by the YAML's SHA-256, for the next JVM (each test fork).
     */
    static final class JsonCache {
        private JsonCache() {}

        static String json(String yaml) {
            Path cache = Path.of(
                    System.getProperty("java.io.tmpdir"), "schematic-testkit-openapi-" + sha256(yaml) + ".json");
            try {
                if (Files.isRegularFile(cache)) {
                    return Files.readString(cache, StandardCharsets.UTF_8);
                }
            } catch (IOException | RuntimeException unreadable) {
                // convert again
            }
            String json = JSON.writeValueAsString(YAMLMapper.builder().build().readTree(yaml));
            try {
                Path tmp = Files.createTempFile(cache.getParent(), "schematic-testkit-openapi-", ".tmp");
                Files.writeString(tmp, json, StandardCharsets.UTF_8);
                Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException notWritable) {
                // no cache: the next JVM converts again
            }
            return json;
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String pointerOf(Operation op, String rest) {
        return "/paths/" + op.template().replace("~", "~0").replace("/", "~1") + "/"
                + op.method().toLowerCase(Locale.ROOT) + "/" + rest;
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            return root.at(node.get("$ref").asString().substring(1));
        }
        return node;
    }
}
