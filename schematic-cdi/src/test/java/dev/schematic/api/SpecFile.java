package dev.schematic.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Locates and loads the Schematic OpenAPI spec, which does not ship with the project. */
final class SpecFile {
    static final String RELATIVE = "shared/ref/schematic-openapi.yaml";

    private static Map<String, Object> cached;

    private SpecFile() {}

    /** Walks up from the working directory looking for {@code shared/ref/schematic-openapi.yaml}. */
    static Optional<Path> find() {
        String override = System.getProperty("schematic.openapi");
        if (override != null && Files.isRegularFile(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The parsed spec; skips the calling test (JUnit assumption) when the spec is absent. */
    static synchronized Map<String, Object> loadOrSkip() {
        if (cached == null) {
            Optional<Path> path = find();
            assumeTrue(
                    path.isPresent(),
                    "OpenAPI spec absent: no " + RELATIVE + " above "
                            + Path.of("").toAbsolutePath()
                            + " (set -Dschematic.openapi=PATH); skipping spec-driven checks");
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            try (InputStream in = Files.newInputStream(path.get())) {
                cached = new Yaml(options).load(in);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + path.get(), e);
            }
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
