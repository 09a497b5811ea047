package dev.schematic.internal.config;

import java.util.List;

/**
 * How one kind of setting is read: from text (a properties file, an environment variable, {@code
 * SchematicBuilder.property}) or as an already typed value (a typed builder setter, the Quarkus {@code @ConfigMapping}).
 * Both paths apply the same checks, so a value means the same thing in every runtime. Errors name the key.
 *
 * @param <T> the Java type of the value
 */
public interface SettingType<T> {
    /** The Java type of values, e.g. {@code Duration}. */
    Class<T> javaType();

    /**
     * Parses and checks a text value.
     *
     * @throws dev.schematic.SchematicConfigException naming {@code key}
     */
    T parse(String key, String text);

    /**
     * Checks an already typed value (range, scheme).
     *
     * @throws dev.schematic.SchematicConfigException naming {@code key}
     */
    T check(String key, T value);

    /** The codes a bad value of this type fails with, most likely first. */
    List<SchemCode> codes();

    /** What a valid value looks like, for the docs table, e.g. {@code duration ≥ 1ms}. */
    String describe();
}
