package dev.schematic.internal.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key of the catalogue ({@link Catalogue}): its full name, its type (which parses and checks values
 * and knows the SCHEM codes a bad value fails with), its default in text form and one line of documentation.
 *
 * @param name the full key, e.g. {@code schematic.timeout}
 * @param type how values are parsed and checked
 * @param defaultValue the default as it would be written in a properties file; empty when the key has none
 * @param doc what the key does, one sentence (docs/configuration.md says the same)
 * @param <T> the Java type of values
 */
public record Setting<T>(String name, SettingType<T> type, Optional<String> defaultValue, String doc) {
    public Setting {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        if (!name.startsWith(Catalogue.PREFIX)) {
            throw new IllegalArgumentException("not a schematic.* key: " + name);
        }
    }

    /** The Java type of values. */
    public Class<T> javaType() {
        return type.javaType();
    }

    /** The codes a bad value of this key fails with. */
    public List<SchemCode> codes() {
        return type.codes();
    }

    /** Parses a text value, failing with a message that names this key. */
    public T parse(String text) {
        return type.parse(name, text);
    }

    /** Checks an already typed value, failing with a message that names this key. */
    public T check(T value) {
        return type.check(name, value);
    }

    /** The name without {@code schematic.}, e.g. {@code cache.ttl}. */
    public String relativeName() {
        return name.substring(Catalogue.PREFIX.length());
    }
}
