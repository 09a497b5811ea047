package dev.schematic.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.util.List;

/**
 * Validates JSON against a schema of the project's OpenAPI document with networknt's json-schema-validator in its
 * OpenAPI 3.0 dialect ({@code nullable}, {@code discriminator}). The document is loaded once from the test classpath;
 * a schema is addressed by the names of its path in the document ({@code paths}, the path template, the method,
 * ...).
 */
final class SpecValidator {
    static final String DOCUMENT = "classpath:openapi/schematic-openapi.yaml";

    private static final class Holder {
        // loading the 1 MB document is the slow part (seconds); sub-schemas of the loaded root are cheap
        static final Schema ROOT = SchemaRegistry.withDialect(
                        Dialects.getOpenApi30(),
                        b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .preloadSchema(false)
                                .build()))
                .getSchema(SchemaLocation.of(DOCUMENT));
    }

    private SpecValidator() {}

    /** The validation errors of {@code json} against the schema at {@code names} in the document; empty when valid. */
    static List<String> errors(List<String> names, String json) {
        NodePath path = new NodePath(PathType.JSON_POINTER);
        for (String name : names) {
            path = path.append(name);
        }
        return Holder.ROOT.getSubSchema(path).validate(json, InputFormat.JSON).stream()
                .map(Error::toString)
                .toList();
    }

    /** The validation errors of a response body of {@code method path} answered with {@code status}. */
    static List<String> responseErrors(String path, String method, String status, String json) {
        return errors(
                List.of("paths", path, method, "responses", status, "content", "application/json", "schema"), json);
    }
}
