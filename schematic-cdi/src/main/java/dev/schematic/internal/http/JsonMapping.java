package dev.schematic.internal.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The SDK's one {@link Jsonb}: JSON-B records in, JSON out, nulls left out. Created on first use with whatever JSON-B
 * implementation the runtime has (Yasson in WildFly and in the Java SE dependency set).
 */
public final class JsonMapping {
    private JsonMapping() {}

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(false));
    }

    /** The shared, thread-safe instance. */
    public static Jsonb jsonb() {
        return Holder.JSONB;
    }
}
