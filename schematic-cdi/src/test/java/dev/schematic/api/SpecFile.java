package dev.schematic.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Loads the Schematic OpenAPI document: the project's copy on the test classpath ({@value #RESOURCE}, from
 * {@code src/test/resources/openapi/}), or the file named by {@code -Dschematic.openapi=PATH}.
 */
final class SpecFile {
    static final String RESOURCE = "/openapi/schematic-openapi.yaml";

    private static Map<String, Object> cached;

    private SpecFile() {}

    /** The document's text. */
    static String text() {
        String override = System.getProperty("schematic.openapi");
        try {
            if (override != null && !override.isBlank()) {
                return Files.readString(Path.of(override), StandardCharsets.UTF_8);
            }
            try (InputStream in = SpecFile.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("OpenAPI document missing from the test classpath: " + RESOURCE);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document", e);
        }
    }

    /** The parsed document (plain maps and lists). */
    static synchronized Map<String, Object> load() {
        if (cached == null) {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            cached = new Yaml(options).load(text());
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    static Map<String, Object> schemas(Map<String, Object> spec) {
        return map(map(spec.get("components")).get("schemas"));
    }

    /** Follows a {@code $ref} and unwraps single-element {@code allOf} wrappers. */
    static Map<String, Object> resolve(Map<String, Object> spec, Map<String, Object> schema) {
        Map<String, Object> s = schema;
        for (int i = 0; i < 10; i++) {
            if (s.containsKey("allOf") && list(s.get("allOf")).size() == 1) {
                s = map(list(s.get("allOf")).get(0));
            } else if (s.containsKey("$ref")) {
                s = map(schemas(spec).get(refName(s)));
            } else {
                return s;
            }
        }
        return s;
    }

    static String refName(Map<String, Object> schema) {
        String ref = (String) schema.get("$ref");
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
