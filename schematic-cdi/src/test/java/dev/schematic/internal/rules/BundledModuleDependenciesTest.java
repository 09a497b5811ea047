package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bundled module, compiled to bytecode at build time, needs only Chicory's runtime: its classes name no class of
 * Chicory's compiler (or ASM), which is why {@code com.dylibso.chicory:compiler} is an optional dependency needed only
 * for {@code schematic.rules.wasm} (docs/performance.md, issue 20).
 */
class BundledModuleDependenciesTest {
    @Test
    void generatedClassesUseOnlyTheRuntime() throws Exception {
        List<String> classes = List.of(
                "SchematicRulesModule",
                "SchematicRulesModuleMachine",
                "SchematicRulesModuleMachineFuncGroup_0",
                "SchematicRulesModuleMachineMachineCall",
                "SchematicRulesModuleMachineShaded");
        boolean usesRuntime = false;
        for (String name : classes) {
            String text;
            try (InputStream in = RulesEngine.class.getResourceAsStream(name + ".class")) {
                assertTrue(in != null, name + " is generated at build time");
                text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            usesRuntime |= text.contains("com/dylibso/chicory/runtime/");
            assertFalse(text.contains("com/dylibso/chicory/compiler/"), name + " names a class of Chicory's compiler");
            assertFalse(text.contains("org/objectweb/asm/"), name + " names an ASM class");
        }
        assertTrue(usesRuntime, "the generated classes run on Chicory's runtime");
    }
}
