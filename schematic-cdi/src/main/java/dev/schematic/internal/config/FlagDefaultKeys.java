package dev.schematic.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads flag defaults, the one key family whose names are not known in advance. Three forms, later ones winning for
 * the same flag:
 *
 * <ol>
 *   <li>{@code schematic.flag-defaults=pdf-export=true,beta=false}: one list; from the environment {@code
 *       SCHEMATIC_FLAG_DEFAULTS="pdf-export=true,beta=false"}. Works for every flag key.
 *   <li>{@code SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT=true}: one environment variable per flag. Environment names cannot
 *       carry {@code -}, so the flag key is the rest of the name in lower case with {@code _} read as {@code -}
 *       ({@code PDF_EXPORT} → {@code pdf-export}); a flag key with {@code _} or upper case needs the list form.
 *   <li>{@code schematic.flag-defaults.pdf-export=true}: one key per flag (properties files, system properties).
 * </ol>
 *
 * MicroProfile Config maps {@code schematic.flag-defaults.pdf-export} to the variable {@code
 * SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT} too, so a variable and a properties entry for the same flag resolve by the
 * sources' ordinals, as for any other key.
 */
public final class FlagDefaultKeys {
    /** The prefix of the per-flag keys. */
    public static final String KEY_PREFIX = Catalogue.PREFIX + "flag-defaults.";
    /** The prefix of the per-flag environment variables. */
    public static final String ENV_PREFIX = "SCHEMATIC_FLAG_DEFAULTS_";

    /**
     * The per-flag key of a flag, {@code schematic.flag-defaults.<flagKey>}.
     *
     * @throws IllegalArgumentException naming {@code flagKey} when it is null or blank (a programmer error)
     */
    public static String keyOf(String flagKey) {
        if (flagKey == null || flagKey.isBlank()) {
            throw new IllegalArgumentException("flagKey: expected a flag key such as \"new-editor\", got "
                    + (flagKey == null ? "null" : "\"" + flagKey + "\""));
        }
        return KEY_PREFIX + flagKey;
    }

    /** The type of {@code schematic.flag-defaults}: {@code <flag-key>=true|false} entries separated by commas. */
    static final SettingType<String> LIST = SettingTypes.custom(
            String.class,
            "flag=true, flag=false, … (comma-separated)",
            (key, text) -> {
                parseList(key, text);
                return text.strip();
            },
            (key, text) -> {
                parseList(key, text);
                return text.strip();
            },
            SchemCode.SCHEM109,
            SchemCode.SCHEM103);

    private FlagDefaultKeys() {}

    /**
     * Every flag default of a configuration source.
     *
     * @param names every property name the source knows (environment variables by their own names)
     * @param lookup a value by name, empty when unset
     * @throws dev.schematic.SchematicConfigException naming the key of a bad value
     */
    public static Map<String, Boolean> read(Iterable<String> names, Function<String, Optional<String>> lookup) {
        Map<String, Boolean> defaults = new TreeMap<>();
        lookup.apply(Catalogue.FLAG_DEFAULTS.name())
                .ifPresent(list -> defaults.putAll(parseList(Catalogue.FLAG_DEFAULTS.name(), list)));
        // one pass: some sources' name iterables can be iterated only once (SmallRye Config's)
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        Map<String, String> perFlag = new TreeMap<>();
        for (String name : all) {
            flagOfEnvName(name).ifPresent(flag -> perFlag.putIfAbsent(KEY_PREFIX + flag, name));
        }
        for (String name : all) {
            if (name.startsWith(KEY_PREFIX) && name.length() > KEY_PREFIX.length()) {
                perFlag.put(name, name);
            }
        }
        perFlag.forEach((key, name) -> {
            // the dotted key first: MicroProfile Config resolves it across sources (the variable included)
            Optional<String> value = lookup.apply(key).or(() -> lookup.apply(name));
            value.ifPresent(v -> defaults.put(
                    key.substring(KEY_PREFIX.length()), SettingTypes.bool().parse(name, v)));
        });
        return defaults;
    }

    /** {@code SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT} → {@code pdf-export}; other names → empty. */
    public static Optional<String> flagOfEnvName(String name) {
        if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(
                name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /**
     * Parses {@code pdf-export=true,beta=false} (blanks around entries allowed, empty entries ignored).
     *
     * @throws dev.schematic.SchematicConfigException SCHEM109 for an entry without a flag key and {@code =}, SCHEM103
     *     for a value other than true or false
     */
    public static Map<String, Boolean> parseList(String key, String text) {
        Map<String, Boolean> flags = new TreeMap<>();
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw SchemCode.SCHEM109.error(
                        key, "expected <flag-key>=true|false entries separated by commas, got '" + e + "'");
            }
            String flag = e.substring(0, eq).strip();
            String value = e.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw SchemCode.SCHEM103.error(
                        key,
                        "expected true or false for flag '" + flag + "', got '"
                                + e.substring(eq + 1).strip() + "'");
            }
            flags.put(flag, Boolean.parseBoolean(value));
        }
        return flags;
    }
}
