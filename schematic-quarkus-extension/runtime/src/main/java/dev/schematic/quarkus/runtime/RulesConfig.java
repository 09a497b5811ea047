package dev.schematic.quarkus.runtime;

import dev.schematic.quarkus.runtime.ConfigConverters.Integers;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The rules engine that evaluates flags locally (see docs/rules-engine.md). */
public interface RulesConfig {
    /** A WASM module file to use instead of the bundled engine (compiled to JVM bytecode when first used). */
    Optional<Path> wasm();

    /** The most WASM instances kept, 1 to 1024 (about 1.1 MB each); the number of processors when unset. */
    Optional<@WithConverter(Integers.class) Integer> poolSize();

    /** The most memoized results, 0 to 10,000,000 ({@code 0} disables the memo). */
    @WithDefault("10000")
    @WithConverter(Integers.class)
    int memoSize();
}
