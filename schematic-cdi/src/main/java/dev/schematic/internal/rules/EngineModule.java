package dev.schematic.internal.rules;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A loaded rules-engine WASM module whose interface has been checked: the bundled module (compiled to JVM bytecode at
 * build time) or a module file compiled at runtime. Creates {@link EngineInstance}s.
 */
final class EngineModule {
    /** Required function exports and their signatures (datastream.md §6.1). */
    static final Map<String, FunctionType> REQUIRED;
    /** Optional function exports. */
    static final Map<String, FunctionType> OPTIONAL;

    static {
        Map<String, FunctionType> r = new LinkedHashMap<>();
        r.put("alloc", FunctionType.of(new ValType[] {ValType.I32}, new ValType[] {ValType.I32}));
        r.put("dealloc", FunctionType.of(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {}));
        r.put("checkFlagCombined", FunctionType.of(new ValType[] {ValType.I32, ValType.I32}, new ValType[] {ValType.I32
        }));
        r.put("getResultJson", FunctionType.of(new ValType[] {}, new ValType[] {ValType.I32}));
        r.put("getResultJsonLength", FunctionType.of(new ValType[] {}, new ValType[] {ValType.I32}));
        REQUIRED = java.util.Collections.unmodifiableMap(r);
        Map<String, FunctionType> o = new LinkedHashMap<>();
        o.put("setCurrentTimeMillis", FunctionType.of(new ValType[] {ValType.I64}, new ValType[] {}));
        o.put("get_version_key_wasm", FunctionType.of(new ValType[] {}, new ValType[] {ValType.I32}));
        OPTIONAL = java.util.Collections.unmodifiableMap(o);
    }

    static final String MEMORY = "memory";

    private final WasmModule module;
    private final Function<Instance, Machine> machineFactory;
    private final String description;
    private final boolean hasClock;
    private final boolean hasVersionKey;
    private final boolean residentExports;
    private volatile String versionKey;

    private EngineModule(WasmModule module, Function<Instance, Machine> machineFactory, String description) {
        this.module = module;
        this.machineFactory = machineFactory;
        this.description = description;
        Map<String, ExternalType> exports = exports(module);
        this.hasClock = exports.get("setCurrentTimeMillis") == ExternalType.FUNCTION;
        this.hasVersionKey = exports.get("get_version_key_wasm") == ExternalType.FUNCTION;
        this.residentExports = RESIDENT.keySet().stream().allMatch(n -> exports.get(n) == ExternalType.FUNCTION);
    }

    /** The module bundled with the SDK, compiled to JVM bytecode at build time. */
    static EngineModule bundled() {
        WasmModule module;
        try {
            module = SchematicRulesModule.load();
        } catch (RuntimeException | LinkageError e) {
            throw new RulesEngineException("cannot load the bundled rules engine module: " + e, e);
        }
        String description = "bundled rules engine";
        checkInterface(module, description);
        EngineModule m = new EngineModule(module, SchematicRulesModule::create, description);
        m.newInstance(); // checks the signatures and reads the version key
        return m;
    }

    /** A module file, compiled to JVM bytecode now with Chicory's runtime compiler. */
    static EngineModule fromFile(Path file) {
        String description = "rules engine module " + file;
        WasmModule module;
        try {
            module = com.dylibso.chicory.wasm.Parser.parse(file);
        } catch (RuntimeException e) {
            throw new RulesEngineException(description + " is not a valid WASM module: " + e.getMessage(), e);
        }
        checkInterface(module, description);
        Function<Instance, Machine> factory;
        try {
            factory = MachineFactoryCompiler.compile(module);
        } catch (RuntimeException e) {
            throw new RulesEngineException(description + " cannot be compiled: " + e.getMessage(), e);
        } catch (NoClassDefFoundError e) {
            throw new RulesEngineException(
                    "schematic.rules.wasm needs Chicory's runtime compiler, an optional dependency of the SDK: add"
                            + " com.dylibso.chicory:compiler (the version of com.dylibso.chicory:runtime) to use "
                            + description + " (" + e + ")",
                    e);
        }
        EngineModule m = new EngineModule(module, factory, description);
        m.newInstance();
        return m;
    }

    private static Map<String, ExternalType> exports(WasmModule module) {
        Map<String, ExternalType> out = new HashMap<>();
        ExportSection section = module.exportSection();
        for (int i = 0; i < section.exportCount(); i++) {
            Export e = section.getExport(i);
            out.put(e.name(), e.exportType());
        }
        return out;
    }

    /** Fails, naming every missing export and every import, unless the module has the rules-engine interface. */
    static void checkInterface(WasmModule module, String description) {
        Map<String, ExternalType> exports = exports(module);
        List<String> missing = new ArrayList<>();
        if (exports.get(MEMORY) != ExternalType.MEMORY) {
            missing.add(MEMORY + " (memory)");
        }
        for (String name : REQUIRED.keySet()) {
            if (exports.get(name) != ExternalType.FUNCTION) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new RulesEngineException(description + " is not a Schematic rules engine: missing required export"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " (required: memory, "
                    + String.join(", ", REQUIRED.keySet()) + "; optional: " + String.join(", ", OPTIONAL.keySet())
                    + ")");
        }
        ImportSection imports = module.importSection();
        if (imports.importCount() > 0) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < imports.importCount(); i++) {
                names.add(imports.getImport(i).module() + "."
                        + imports.getImport(i).name());
            }
            throw new RulesEngineException(description + " imports " + String.join(", ", names)
                    + "; a rules engine module must be self-contained (wasm32-unknown-unknown, no imports)");
        }
    }

    /** A new instance with its own memory and the default resident budget. */
    EngineInstance newInstance() {
        return newInstance(ResidentEntities.MAX_BYTES);
    }

    /** A new instance with its own memory, keeping up to {@code residentBytes} of entity JSON resident. */
    EngineInstance newInstance(long residentBytes) {
        Instance instance;
        try {
            instance = Instance.builder(module)
                    .withMachineFactory(machineFactory)
                    .withMemoryFactory(ByteArrayMemory::new)
                    .build();
        } catch (RuntimeException e) {
            throw new RulesEngineException("cannot instantiate the " + description + ": " + e.getMessage(), e);
        }
        checkSignatures(instance);
        if (versionKey == null) {
            versionKey = readVersionKey(instance);
        }
        return new EngineInstance(instance, hasClock, hasResident(instance), residentBytes);
    }

    /** Exports of this project's module for entities kept resident (see {@link ResidentEntities}); all or none. */
    static final Map<String, FunctionType> RESIDENT = Map.of(
            "entityPut",
            FunctionType.of(new ValType[] {ValType.I32, ValType.I32, ValType.I32}, new ValType[] {ValType.I32}),
            "entityDrop",
            FunctionType.of(new ValType[] {ValType.I32}, new ValType[] {}),
            "checkFlagHandles",
            FunctionType.of(
                    new ValType[] {ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32},
                    new ValType[] {ValType.I32}));

    /** True when the module has every resident-entity export with the expected signature (and a clock). */
    private boolean hasResident(Instance instance) {
        if (!hasClock || !residentExports) {
            return false;
        }
        for (Map.Entry<String, FunctionType> e : RESIDENT.entrySet()) {
            if (!e.getValue().typesMatch(instance.exportType(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private void checkSignatures(Instance instance) {
        List<String> wrong = new ArrayList<>();
        Map<String, FunctionType> all = new LinkedHashMap<>(REQUIRED);
        if (hasClock) {
            all.put("setCurrentTimeMillis", OPTIONAL.get("setCurrentTimeMillis"));
        }
        if (hasVersionKey) {
            all.put("get_version_key_wasm", OPTIONAL.get("get_version_key_wasm"));
        }
        for (Map.Entry<String, FunctionType> e : all.entrySet()) {
            FunctionType actual = instance.exportType(e.getKey());
            if (!e.getValue().typesMatch(actual)) {
                wrong.add(e.getKey() + " is " + actual + ", expected " + e.getValue());
            }
        }
        if (!wrong.isEmpty()) {
            throw new RulesEngineException(description + " is not a Schematic rules engine: wrong export signatures: "
                    + String.join("; ", wrong));
        }
    }

    private String readVersionKey(Instance instance) {
        if (!hasVersionKey) {
            return "1";
        }
        try {
            int ptr = (int) instance.export("get_version_key_wasm").apply()[0];
            var memory = instance.memory();
            int limit = Math.min(256, memory.pages() * 65536 - ptr);
            byte[] raw = memory.readBytes(ptr, Math.max(0, limit));
            int n = 0;
            while (n < raw.length && raw[n] != 0) {
                n++;
            }
            String key = new String(raw, 0, n, StandardCharsets.UTF_8).trim();
            return key.isEmpty() ? "1" : key;
        } catch (RuntimeException e) {
            return "1";
        }
    }

    String description() {
        return description;
    }

    /** The module's version key ({@code get_version_key_wasm}), {@code 1} when it has none. */
    String versionKey() {
        return versionKey == null ? "1" : versionKey;
    }

    boolean hasClock() {
        return hasClock;
    }
}
