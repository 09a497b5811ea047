package dev.schematic.internal.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the rules engine ({@code dev.schematic.internal.rules.RulesEngine}), the {@code schematic.rules.*} keys
 * of the {@link Catalogue}.
 *
 * @param wasm a WASM module file to use instead of the bundled engine (for example Schematic's official
 *     {@code rulesengine.wasm}); it is compiled to JVM bytecode at runtime when first used
 * @param poolSize the most WASM instances kept (each runs one evaluation at a time; about 1.1 MB each)
 * @param memoSize the most memoized results; 0 disables the memo
 */
public record RulesEngineOptions(Optional<Path> wasm, int poolSize, int memoSize) {

    public static final String PREFIX = Catalogue.PREFIX + "rules.";
    public static final int DEFAULT_MEMO_SIZE = 10_000;
    static final int MAX_POOL_SIZE = 1024;

    public RulesEngineOptions {
        Objects.requireNonNull(wasm, "wasm");
        Catalogue.RULES_POOL_SIZE.check(poolSize);
        Catalogue.RULES_MEMO_SIZE.check(memoSize);
    }

    /** The bundled engine, one instance per available processor, 10,000 memoized results. */
    public static RulesEngineOptions defaults() {
        return new RulesEngineOptions(Optional.empty(), defaultPoolSize(), DEFAULT_MEMO_SIZE);
    }

    static int defaultPoolSize() {
        return Math.max(1, Math.min(MAX_POOL_SIZE, Runtime.getRuntime().availableProcessors()));
    }

    /** Reads the {@code schematic.rules.*} settings of a source; unset ones take their defaults. */
    static RulesEngineOptions read(ConfigValues v) {
        return new RulesEngineOptions(
                v.find(Catalogue.RULES_WASM),
                v.find(Catalogue.RULES_POOL_SIZE).orElseGet(RulesEngineOptions::defaultPoolSize),
                v.get(Catalogue.RULES_MEMO_SIZE));
    }

    /**
     * Reads the {@code schematic.rules.*} keys of a configuration map (other keys are ignored); absent or blank keys
     * take their defaults.
     *
     * @throws dev.schematic.SchematicConfigException naming the key: SCHEM300 unknown {@code schematic.rules.*} key,
     *     SCHEM301 {@code wasm} not a readable file, SCHEM302 bad {@code pool-size}, SCHEM303 bad {@code memo-size}
     */
    public static RulesEngineOptions fromProperties(Map<String, String> properties) {
        rejectUnknownKeys(properties.keySet());
        return read(ConfigValues.of(properties));
    }

    /**
     * Fails on a {@code schematic.rules.*} name the catalogue does not know: a typo there would otherwise be ignored.
     *
     * @throws dev.schematic.SchematicConfigException SCHEM300 naming the key
     */
    static void rejectUnknownKeys(Iterable<String> names) {
        for (String key : names) {
            if (key != null && key.startsWith(PREFIX) && Catalogue.find(key).isEmpty()) {
                throw SchemCode.SCHEM300.error(
                        key,
                        "unknown rules-engine setting; known: " + Catalogue.RULES_WASM.name() + ", "
                                + Catalogue.RULES_POOL_SIZE.name() + ", " + Catalogue.RULES_MEMO_SIZE.name());
            }
        }
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
