package dev.schematic.internal.config;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.rules.RulesEngine;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings of the {@link RulesEngine}.
 *
 * @param wasm a WASM module file to use instead of the bundled engine (for example Schematic's official
 *     {@code rulesengine.wasm}); it is compiled to JVM bytecode at runtime when first used
 * @param poolSize the most WASM instances kept (each runs one evaluation at a time; about 1.1 MB each)
 * @param memoSize the most memoized results; 0 disables the memo
 */
public record RulesEngineOptions(Optional<Path> wasm, int poolSize, int memoSize) {

    public static final String PREFIX = "schematic.rules.";
    /** A path to a WASM module file; default: the bundled engine. */
    public static final String WASM = PREFIX + "wasm";
    /** Pool size, 1–1024; default: the number of available processors. */
    public static final String POOL_SIZE = PREFIX + "pool-size";
    /** Memo size, 0–10,000,000; default 10,000. */
    public static final String MEMO_SIZE = PREFIX + "memo-size";

    public static final int DEFAULT_MEMO_SIZE = 10_000;
    static final int MAX_POOL_SIZE = 1024;
    static final int MAX_MEMO_SIZE = 10_000_000;
    private static final Set<String> KEYS = Set.of(WASM, POOL_SIZE, MEMO_SIZE);

    public RulesEngineOptions {
        Objects.requireNonNull(wasm, "wasm");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new SchematicConfigException(
                    "SCHEM302", POOL_SIZE, "expected a number from 1 to " + MAX_POOL_SIZE + ", got " + poolSize);
        }
        if (memoSize < 0 || memoSize > MAX_MEMO_SIZE) {
            throw new SchematicConfigException(
                    "SCHEM303", MEMO_SIZE, "expected a number from 0 to " + MAX_MEMO_SIZE + ", got " + memoSize);
        }
    }

    /** The bundled engine, one instance per available processor, 10,000 memoized results. */
    public static RulesEngineOptions defaults() {
        return new RulesEngineOptions(Optional.empty(), defaultPoolSize(), DEFAULT_MEMO_SIZE);
    }

    static int defaultPoolSize() {
        return Math.max(1, Math.min(MAX_POOL_SIZE, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Reads the {@code schematic.rules.*} keys of a configuration map (other keys are ignored); absent or blank keys
     * take their defaults.
     *
     * @throws SchematicConfigException naming the key: SCHEM300 unknown {@code schematic.rules.*} key, SCHEM301
     *     {@code wasm} not a readable file, SCHEM302 bad {@code pool-size}, SCHEM303 bad {@code memo-size}
     */
    public static RulesEngineOptions fromProperties(Map<String, String> properties) {
        for (String key : properties.keySet()) {
            if (key != null && key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new SchematicConfigException(
                        "SCHEM300",
                        key,
                        "unknown rules-engine setting; known: " + WASM + ", " + POOL_SIZE + ", " + MEMO_SIZE);
            }
        }
        Optional<Path> wasm = Optional.empty();
        String file = trimmed(properties.get(WASM));
        if (file != null) {
            Path path;
            try {
                path = Path.of(file);
            } catch (InvalidPathException e) {
                throw new SchematicConfigException("SCHEM301", WASM, "not a valid path: '" + file + "'");
            }
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new SchematicConfigException(
                        "SCHEM301",
                        WASM,
                        "expected a readable WASM module file, got '" + file + "' ("
                                + (Files.exists(path) ? "not a readable regular file" : "no such file") + ")");
            }
            wasm = Optional.of(path);
        }
        int pool = integer(properties, POOL_SIZE, "SCHEM302", 1, MAX_POOL_SIZE, defaultPoolSize());
        int memo = integer(properties, MEMO_SIZE, "SCHEM303", 0, MAX_MEMO_SIZE, DEFAULT_MEMO_SIZE);
        return new RulesEngineOptions(wasm, pool, memo);
    }

    private static String trimmed(String v) {
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }

    private static int integer(Map<String, String> props, String key, String code, int min, int max, int dflt) {
        String v = trimmed(props.get(key));
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SchematicConfigException(code, key, "expected a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new SchematicConfigException(
                    code, key, "expected a number from " + min + " to " + max + ", got " + n);
        }
        return (int) n;
    }

    /** A copy with another module file. */
    public RulesEngineOptions withWasm(Path file) {
        return new RulesEngineOptions(Optional.of(file), poolSize, memoSize);
    }

    /** A copy with another pool size. */
    public RulesEngineOptions withPoolSize(int size) {
        return new RulesEngineOptions(wasm, size, memoSize);
    }

    /** A copy with another memo size. */
    public RulesEngineOptions withMemoSize(int size) {
        return new RulesEngineOptions(wasm, poolSize, size);
    }
}
