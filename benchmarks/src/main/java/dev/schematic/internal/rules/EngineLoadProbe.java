package dev.schematic.internal.rules;

/**
 * For {@code dev.schematic.benchmarks.ColdStartParts}: the steps of loading the bundled rules engine in a cold JVM,
 * each timed (ms): the generated module's {@code load()} (its classes and the parsed module), the bundled module
 * checked with its first instance (signatures, version key), a second instance (what the loader's pool adds after
 * that). In this package because the loader is package-private.
 */
public final class EngineLoadProbe {
    private EngineLoadProbe() {}

    public static long[] steps() {
        long t0 = System.nanoTime();
        SchematicRulesModule.load();
        long t1 = System.nanoTime();
        EngineModule m = EngineModule.bundled();
        long t2 = System.nanoTime();
        m.newInstance();
        long t3 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000};
    }
}
