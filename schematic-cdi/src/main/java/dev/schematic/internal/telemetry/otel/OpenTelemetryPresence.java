package dev.schematic.internal.telemetry.otel;

import dev.schematic.internal.telemetry.Telemetry;

/**
 * Whether the OpenTelemetry API is on the class path, found out once. This class names no OpenTelemetry type, so a
 * client without OpenTelemetry never loads one: the classes that do ({@link OtelWiring} and the rest of this package)
 * are reached only through {@link #PRESENT}.
 */
public final class OpenTelemetryPresence {
    /** True when {@code io.opentelemetry.api.trace.Span} can be loaded by the SDK's class loader. */
    public static final boolean PRESENT = present();

    private OpenTelemetryPresence() {}

    private static boolean present() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, OpenTelemetryPresence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * With OpenTelemetry present: checks record a span event on the current span, and meters go to the container's
     * {@code OpenTelemetry} bean or the global instance if one is set. Without it: nothing.
     */
    public static void attachAutomatically(Telemetry telemetry) {
        if (PRESENT) {
            OtelWiring.attachAutomatically(telemetry);
        }
    }
}
