package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.RulesEngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesEngineOptionsTest {
    @TempDir
    Path dir;

    @Test
    void defaults() {
        RulesEngineOptions o = RulesEngineOptions.fromProperties(Map.of("schematic.api-key", "x"));
        assertEquals(Optional.empty(), o.wasm());
        assertEquals(Runtime.getRuntime().availableProcessors(), o.poolSize());
        assertEquals(10_000, o.memoSize());
        assertEquals(o, RulesEngineOptions.defaults());
    }

    @Test
    void values() throws Exception {
        Path wasm = Files.write(dir.resolve("engine.wasm"), new byte[] {0});
        RulesEngineOptions o = RulesEngineOptions.fromProperties(Map.of(
                "schematic.rules.wasm", " " + wasm + " ",
                "schematic.rules.pool-size", "3",
                "schematic.rules.memo-size", "0"));
        assertEquals(Optional.of(wasm), o.wasm());
        assertEquals(3, o.poolSize());
        assertEquals(0, o.memoSize());
    }

    private static SchematicConfigException bad(String key, String value) {
        return assertThrows(
                SchematicConfigException.class, () -> RulesEngineOptions.fromProperties(Map.of(key, value)));
    }

    @Test
    void errorsNameTheKey() {
        SchematicConfigException e = bad("schematic.rules.pool-size", "0");
        assertEquals("schematic.rules.pool-size", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM302 schematic.rules.pool-size: "), e.getMessage());
        e = bad("schematic.rules.pool-size", "many");
        assertTrue(e.getMessage().contains("expected a whole number, got 'many'"), e.getMessage());
        e = bad("schematic.rules.memo-size", "-1");
        assertTrue(e.getMessage().startsWith("SCHEM303 schematic.rules.memo-size: "), e.getMessage());
        e = bad("schematic.rules.wasm", dir.resolve("missing.wasm").toString());
        assertTrue(e.getMessage().startsWith("SCHEM301 schematic.rules.wasm: "), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        e = bad("schematic.rules.wasm", dir.toString());
        assertTrue(e.getMessage().contains("not a readable regular file"), e.getMessage());
        e = bad("schematic.rules.poolsize", "2");
        assertTrue(e.getMessage().startsWith("SCHEM300 schematic.rules.poolsize: unknown"), e.getMessage());
    }

    @Test
    void preflightJson() {
        assertEquals("{}", new PreflightOptions(null, null, null).toJson());
        assertEquals(
                "{\"usage\":3,\"event_usage\":{\"event_subtype\":\"api\\\"x\",\"quantity\":2},"
                        + "\"credit_cost\":{\"a\":1.0,\"b\":2.5}}",
                new PreflightOptions(3L, new PreflightOptions.EventUsage("api\"x", 2), Map.of("b", 2.5, "a", 1.0))
                        .toJson());
    }
}
