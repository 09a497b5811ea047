package dev.schematic.quarkus.runtime;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.SettingType;
import dev.schematic.internal.config.SettingTypes;
import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The SDK's own text forms for the typed members of {@link SchematicRuntimeConfig}, so a value reads the same in
 * Quarkus as in every other runtime ({@code 1d}, {@code 250ms}; booleans only {@code true}/{@code false}, where
 * Quarkus' own converter would read {@code maybe} as false). They only parse: ranges are checked by the catalogue
 * when the settings are built. A value that does not parse fails with its SCHEM code; Quarkus adds the key.
 *
 * <p>Each converter declares its own {@code convert} return type: SmallRye checks it against the member's type.
 */
public final class ConfigConverters {
    private static final String KEY = "value";

    private ConfigConverters() {}

    /** Converts with a catalogue type, turning its error into one without a key (SmallRye names the property). */
    static <T> T parse(SettingType<T> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return type.parse(KEY, text);
        } catch (SchematicConfigException e) {
            String message = e.getMessage();
            String code = message.substring(0, message.indexOf(' '));
            String problem = message.substring(message.indexOf(KEY + ": ") + KEY.length() + 2);
            throw new IllegalArgumentException(code + " " + problem, e);
        }
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 or plain seconds (SCHEM102). */
    public static final class Durations implements Converter<Duration> {
        @Override
        public Duration convert(String text) {
            return parse(SettingTypes.anyDuration(), text);
        }
    }

    /** {@code true} or {@code false} in any case, nothing else (SCHEM103). */
    public static final class Booleans implements Converter<Boolean> {
        @Override
        public Boolean convert(String text) {
            return parse(SettingTypes.bool(), text);
        }
    }

    /** {@code embedded}, {@code remote} or {@code redis} (SCHEM500). */
    public static final class Stores implements Converter<DataStreamSettings.Store> {
        @Override
        public DataStreamSettings.Store convert(String text) {
            return parse(Catalogue.DATASTREAM_STORE.type(), text);
        }
    }

    /** A whole number (SCHEM104). */
    public static final class Integers implements Converter<Integer> {
        @Override
        public Integer convert(String text) {
            return parse(SettingTypes.anyInteger(), text);
        }
    }
}
