package dev.schematic.internal.rules;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One JSON input of the rules engine (a flag, a company, a user or preflight options), as UTF-8 bytes with a
 * precomputed content hash. It is passed to the engine as is: use the snake_case shapes of the DataStream entities
 * (datastream.md §6.8); the engine ignores unknown members.
 *
 * <p>Create one per cached entity version and reuse it: the engine's memo recognises the same instance with a
 * reference comparison, and other instances by content (hash, then full byte comparison), so the memo can never
 * confuse two different inputs. Immutable and thread-safe.
 */
public final class RulesInput {
    private final byte[] json;
    private final int hash;

    private RulesInput(byte[] json) {
        this.json = json;
        this.hash = (int) ContentHash.hash(json);
    }

    /** An input from JSON text. */
    public static RulesInput of(String json) {
        Objects.requireNonNull(json, "json");
        return new RulesInput(json.getBytes(StandardCharsets.UTF_8));
    }

    /** An input from UTF-8 JSON bytes (copied). */
    public static RulesInput of(byte[] utf8Json) {
        Objects.requireNonNull(utf8Json, "utf8Json");
        return new RulesInput(utf8Json.clone());
    }

    /** {@code null} for a {@code null} argument, else {@link #of(String)}. */
    public static RulesInput ofNullable(String json) {
        return json == null ? null : of(json);
    }

    /** The JSON text. */
    public String json() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** Size in bytes of the UTF-8 JSON. */
    public int length() {
        return json.length;
    }

    byte[] bytes() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof RulesInput other && other.hash == hash && Arrays.equals(other.json, json);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RulesInput[" + json.length + " bytes]";
    }
}
