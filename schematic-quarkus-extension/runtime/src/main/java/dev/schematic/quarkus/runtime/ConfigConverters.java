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
 */
public final class ConfigConverters {
    private ConfigConverters() {}

    /** Converts with a catalogue type, turning its error into one without a key (SmallRye names the property). */
    abstract static class Parsing<T> implements Converter<T> {
        private static final String KEY = "value";
        private final SettingType<T> type;

        Parsing(SettingType<T> type) {
            this.type = type;
        }

        @Override
        public T convert(String text) {
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
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 or plain seconds (SCHEM102). */
    public static final class Durations extends Parsing<Duration> {
        public Durations() {
            super(SettingTypes.anyDuration());
        }
    }

    /** {@code true} or {@code false} in any case, nothing else (SCHEM103). */
    public static final class Booleans extends Parsing<Boolean> {
        public Booleans() {
            super(SettingTypes.bool());
        }
    }

    /** {@code embedded}, {@code remote} or {@code redis} (SCHEM500). */
    public static final class Stores extends Parsing<DataStreamSettings.Store> {
        public Stores() {
            super(Catalogue.DATASTREAM_STORE.type());
        }
    }

    /** A whole number (SCHEM104). */
    public static final class Integers extends Parsing<Integer> {
        public Integers() {
            super(SettingTypes.anyInteger());
        }
    }
}
