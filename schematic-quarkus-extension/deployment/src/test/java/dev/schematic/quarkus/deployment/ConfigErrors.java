package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.schematic.SchematicConfigException;
import java.util.function.Consumer;

/** Startup failures caused by a bad {@code schematic.*} value. */
final class ConfigErrors {
    private ConfigErrors() {}

    /**
     * Asserts that startup failed naming the key with the SDK's code: a {@link SchematicConfigException} whose message
     * is {@code "<code> <key>: …"} (a value the catalogue refused), or, for a value the typed mapping could not convert
     * (the SDK's converters refuse it), Quarkus' report of that conversion, which names the key and carries the
     * converter's {@code "<code> expected …"}. The exception comes from the application's class loader, so it is
     * matched by class name, not by type.
     */
    static Consumer<Throwable> failsWith(String code, String key) {
        return thrown -> {
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                String message = String.valueOf(t.getMessage());
                if (t.getClass().getName().equals(SchematicConfigException.class.getName())) {
                    assertEquals(code + " " + key + ":", message.substring(0, message.indexOf(':') + 1), message);
                    return;
                }
                if (message.contains("property " + key + " ") && message.contains(code + " expected")) {
                    return;
                }
            }
            fail("expected " + code + " naming " + key + ", got " + thrown);
        };
    }
}
