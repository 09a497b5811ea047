package dev.schematic.internal.config;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The values of one configuration source, read through the {@link Catalogue}. A source answers a key with text (a
 * properties file, an environment variable, {@code SchematicBuilder.property}) or with a typed value (a typed builder
 * setter, a Quarkus {@code @ConfigMapping} member); text is parsed and typed values are checked by the key's
 * {@link Setting}, so both mean the same. A key the source does not answer takes the catalogue's default.
 */
public final class ConfigValues {
    private final Function<String, Optional<?>> source;

    private ConfigValues(Function<String, Optional<?>> source) {
        this.source = source;
    }

    /** Values by full key name: text or typed ({@code Optional} values are unwrapped). */
    public static ConfigValues of(Map<String, ?> values) {
        return new ConfigValues(key -> Optional.ofNullable(values.get(key)));
    }

    /** Values from a lookup, e.g. MicroProfile Config's {@code getOptionalValue(key, String.class)}. */
    public static ConfigValues of(Function<String, Optional<?>> lookup) {
        return new ConfigValues(lookup);
    }

    /**
     * The value of a setting that has a default: the source's, else the default.
     *
     * @throws dev.schematic.SchematicConfigException naming the key when the value is invalid or empty (SCHEM101)
     */
    public <T> T get(Setting<T> setting) {
        Optional<T> value = read(setting, true);
        if (value.isPresent()) {
            return value.get();
        }
        return setting.defaultValue()
                .map(setting::parse)
                .orElseThrow(() -> SchemCode.SCHEM101.error(setting.name(), "must not be empty"));
    }

    /**
     * The value of a setting, or its default; empty when neither is set. Blank text counts as unset.
     *
     * @throws dev.schematic.SchematicConfigException naming the key when the value is invalid
     */
    public <T> Optional<T> find(Setting<T> setting) {
        return read(setting, false).or(() -> setting.defaultValue().map(setting::parse));
    }

    /** Whether the source gives this key a value of its own (not the default). */
    public boolean isSet(Setting<?> setting) {
        return unwrap(source.apply(setting.name())).isPresent();
    }

    private <T> Optional<T> read(Setting<T> setting, boolean blankIsError) {
        Optional<?> given = unwrap(source.apply(setting.name()));
        if (given.isEmpty()) {
            return Optional.empty();
        }
        Object v = given.get();
        if (v instanceof String text) {
            if (text.isBlank()) {
                if (blankIsError) {
                    throw SchemCode.SCHEM101.error(setting.name(), "must not be empty");
                }
                return Optional.empty();
            }
            return Optional.of(setting.parse(text));
        }
        Class<T> type = setting.javaType();
        if (type.isInstance(v)) {
            return Optional.of(setting.check(type.cast(v)));
        }
        throw new IllegalArgumentException(setting.name() + ": a " + type.getSimpleName()
                + " value was expected, got a " + v.getClass().getName());
    }

    private static Optional<?> unwrap(Optional<?> value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Object v = value.get();
        if (v instanceof Optional<?> inner) {
            return unwrap(inner);
        }
        if (v instanceof OptionalInt i) {
            return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
        }
        return Optional.of(v);
    }
}
