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
 *
 * <p>A {@link #packed} input keeps its JSON deflated (about a quarter of the size for DataStream entities) and inflates
 * it when the engine reads it, which the engine's resident entities make rare (once per instance and version).
 */
public final class RulesInput {
    /** The UTF-8 JSON, or its deflated form when {@link #packedLength} is not zero. */
    private final byte[] data;

    private final int hash;
    /** Zero, or the length of the JSON that {@link #data} packs. */
    private final int packedLength;

    private RulesInput(byte[] json) {
        this.data = json;
        this.hash = (int) ContentHash.hash(json);
        this.packedLength = 0;
    }

    private RulesInput(byte[] packed, int hash, int length) {
        this.data = packed;
        this.hash = hash;
        this.packedLength = length;
    }

    /**
     * An input from JSON text, kept deflated when that is smaller (for documents held in memory for long, such as
     * cached DataStream entities). Equal to {@link #of(String)} of the same text.
     */
    public static RulesInput packed(String json) {
        Objects.requireNonNull(json, "json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int hash = (int) ContentHash.hash(bytes);
        if (bytes.length >= 64) {
            byte[] packed = PackedJson.deflate(bytes);
            if (packed.length < bytes.length - bytes.length / 8) {
                return new RulesInput(packed, hash, bytes.length);
            }
        }
        return new RulesInput(bytes);
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
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Size in bytes of the UTF-8 JSON. */
    public int length() {
        return packedLength == 0 ? data.length : packedLength;
    }

    /** Bytes this input holds: the JSON's length, or less when {@link #packed}. */
    public int heldBytes() {
        return data.length;
    }

    /** The UTF-8 JSON (a new array when packed; never to be modified). */
    byte[] bytes() {
        return packedLength == 0 ? data : PackedJson.inflate(data, packedLength);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RulesInput other) || other.hash != hash || other.length() != length()) {
            return false;
        }
        if (other.packedLength == packedLength && Arrays.equals(other.data, data)) {
            return true;
        }
        // unequal raw bytes are unequal JSON; unequal packed bytes are (deflate is deterministic) but not relied on
        return (packedLength != 0 || other.packedLength != 0) && Arrays.equals(other.bytes(), bytes());
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RulesInput[" + length() + " bytes]";
    }
}
