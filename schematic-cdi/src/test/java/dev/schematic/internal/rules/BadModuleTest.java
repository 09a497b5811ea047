package dev.schematic.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.RulesEngineStats;
import dev.schematic.internal.config.RulesEngineOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Modules without the interface are rejected clearly; engine failures give the flag default, counted, logged once. */
class BadModuleTest {
    static final String FLAG =
            "{\"id\":\"flag_1\",\"account_id\":\"acc\",\"environment_id\":\"env\",\"key\":\"my-flag\",\"default_value\":true,\"rules\":[]}";
    static final String COMPANY = "{\"id\":\"comp_1\",\"account_id\":\"acc\",\"environment_id\":\"env\"}";

    @TempDir
    Path dir;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger jul = Logger.getLogger(RulesEngine.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void capture() {
        jul.addHandler(handler);
    }

    @AfterEach
    void release() {
        jul.removeHandler(handler);
    }

    private long warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).count();
    }

    private RulesEngine engine(byte[] wasm) throws Exception {
        Path file = TestModules.write(dir, "m.wasm", wasm);
        return RulesEngine.create(RulesEngineOptions.defaults().withWasm(file).withPoolSize(2));
    }

    @Test
    void missingExportsAreNamed() throws Exception {
        RulesEngine engine = engine(TestModules.missingExports());
        RulesEngineException e = assertThrows(RulesEngineException.class, engine::start);
        String m = e.getMessage();
        assertTrue(m.contains("missing required exports"), m);
        for (String name : List.of("dealloc", "checkFlagCombined", "getResultJson", "getResultJsonLength")) {
            assertTrue(m.contains(name), () -> "names " + name + ": " + m);
        }
        assertFalse(m.contains("missing required exports alloc"), m);
        // evaluate never throws: the flag default, reason RULES_ENGINE_UNAVAILABLE, the problem in error
        RulesResult r = engine.evaluate(FLAG, COMPANY, null);
        assertTrue(r.value());
        assertEquals(RulesResult.REASON_ENGINE_UNAVAILABLE, r.reason());
        assertEquals(RulesFailure.UNAVAILABLE, r.failure());
        assertTrue(r.error().contains("checkFlagCombined"), r.error());
        assertEquals("my-flag", r.flagKey());
        assertEquals("flag_1", r.flagId());
        assertEquals("comp_1", r.companyId());
        assertEquals(1, engine.stats().unavailable());
    }

    @Test
    void notWasmAtAll() throws Exception {
        RulesEngine engine = engine("hello".getBytes(StandardCharsets.UTF_8));
        RulesEngineException e = assertThrows(RulesEngineException.class, engine::start);
        assertTrue(e.getMessage().contains("not a valid WASM module"), e.getMessage());
    }

    @Test
    void loadingIsLazy() throws Exception {
        // A broken module file is not touched until the first evaluation.
        RulesEngine engine = engine(TestModules.missingExports());
        assertEquals(0, engine.stats().instances());
        assertEquals(0, engine.stats().evaluations());
    }

    @Test
    void trapGivesDefaultCountedAndLoggedOnce() throws Exception {
        RulesEngine engine = engine(TestModules.engine(TestModules.Behaviour.TRAP));
        engine.start();
        for (int i = 0; i < 5; i++) {
            RulesResult r = engine.evaluate(FLAG, COMPANY, null);
            assertTrue(r.value(), "flag default");
            assertEquals(RulesFailure.TRAP, r.failure());
            assertEquals(RulesFailure.TRAP.reason(), r.reason());
            assertTrue(r.reason().startsWith(RulesResult.REASON_ENGINE_ERROR));
            assertTrue(r.error().contains("unreachable") || r.error().contains("Trap"), r.error());
            assertEquals("my-flag", r.flagKey());
        }
        RulesEngineStats s = engine.stats();
        assertEquals(5, s.traps());
        assertEquals(5, s.failures());
        assertEquals(0, s.memoHits(), "failures are not memoized");
        assertEquals(5, s.instancesCreated(), "each trapped instance is discarded and replaced: " + s);
        assertTrue(s.instances() <= 2, s.toString());
        assertEquals(1, warnings(), "logged once");
    }

    @Test
    void rejectedInputGivesDefault() throws Exception {
        RulesEngine engine = engine(TestModules.engine(TestModules.Behaviour.REJECT));
        RulesResult r = engine.evaluate(FLAG, null, null);
        assertTrue(r.value());
        assertEquals(RulesFailure.REJECTED, r.failure());
        r = engine.evaluate(FLAG, null, null);
        assertEquals(2, engine.stats().rejected());
        assertEquals(1, engine.stats().instancesCreated(), "a rejection keeps the instance");
        assertEquals(1, warnings());
    }

    @Test
    void malformedOutputGivesDefault() throws Exception {
        RulesEngine engine = engine(TestModules.engine(TestModules.Behaviour.GARBAGE_OUTPUT));
        RulesResult r = engine.evaluate(FLAG, null, null);
        assertTrue(r.value());
        assertEquals(RulesFailure.MALFORMED_OUTPUT, r.failure());
        assertTrue(r.error().contains("not JSON"), r.error());
        assertEquals(1, engine.stats().malformedOutputs());
    }

    @Test
    void validMinimalModuleWorks() throws Exception {
        RulesEngine engine = engine(TestModules.engine(TestModules.Behaviour.VALID));
        RulesResult r = engine.evaluate(FLAG, null, null);
        assertNull(r.failure());
        assertEquals("fixed", r.reason());
        assertEquals("1", engine.versionKey(), "no get_version_key_wasm export: version 1");
    }

    @Test
    void bundledEngineRejectsInvalidInput() {
        RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
        // default_value missing: the engine returns -1
        RulesResult r = engine.evaluate("{\"id\":\"f\",\"key\":\"k\"}", null, null);
        assertFalse(r.value());
        assertEquals(RulesFailure.REJECTED, r.failure());
        assertEquals("k", r.flagKey());
        // the next valid call works on the same instances
        RulesResult ok = engine.evaluate(FLAG, COMPANY, null);
        assertNull(ok.failure());
        assertEquals("No rules matched; default value for flag", ok.reason());
        assertEquals("14269364", engine.versionKey());
    }
}
