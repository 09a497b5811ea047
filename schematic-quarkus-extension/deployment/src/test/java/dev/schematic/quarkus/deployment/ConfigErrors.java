package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.schematic.SchematicConfigException;
import java.util.function.Consumer;

/** Startup failures caused by a bad {@code schematic.*} value. */
final class ConfigErrors {
    private ConfigErrors() {}

    /**
     * Asserts that startup failed with a {@link SchematicConfigException} whose message is {@code "<code> <key>: …"}.
     * The exception comes from the application's class loader, so it is matched by class name, not by type.
     */
    static Consumer<Throwable> failsWith(String code, String key) {
        return thrown -> {
            Throwable t = thrown;
            while (t != null && !t.getClass().getName().equals(SchematicConfigException.class.getName())) {
                t = t.getCause();
            }
            assertNotNull(t, () -> "expected a SchematicConfigException, got " + thrown);
            String message = t.getMessage();
            assertEquals(code + " " + key + ":", message.substring(0, message.indexOf(':') + 1), message);
        };
    }
}
