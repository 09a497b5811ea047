package dev.schematic.internal.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** The basic {@link SettingType}s: durations, bounded whole numbers, booleans, http(s) URLs, text and choices. */
public final class SettingTypes {
    private SettingTypes() {}

    /** A duration of at least {@code min}: SCHEM102 when malformed, SCHEM106 when shorter. */
    public static SettingType<Duration> duration(Duration min) {
        return new DurationType(min, SchemCode.SCHEM102, SchemCode.SCHEM106);
    }

    /** A whole number in {@code [min, max]}: SCHEM104 when malformed, SCHEM105 when out of range. */
    public static SettingType<Integer> integer(int min, int max) {
        return new IntegerType(min, max, SchemCode.SCHEM104, SchemCode.SCHEM105);
    }

    /** A whole number in {@code [min, max]} failing with one area-specific code. */
    public static SettingType<Integer> integer(int min, int max, SchemCode code) {
        return new IntegerType(min, max, code, code);
    }

    /** Any duration, negative ones included: for converters that only parse (the key's setting checks ranges). */
    public static SettingType<Duration> anyDuration() {
        return new DurationType(Duration.ofSeconds(Long.MIN_VALUE), SchemCode.SCHEM102, SchemCode.SCHEM106);
    }

    /** Any {@code int}: for converters that only parse (the key's setting checks ranges). */
    public static SettingType<Integer> anyInteger() {
        return new IntegerType(Integer.MIN_VALUE, Integer.MAX_VALUE, SchemCode.SCHEM104, SchemCode.SCHEM105);
    }

    /** {@code true} or {@code false}, case-insensitive, nothing else (SCHEM103). */
    public static SettingType<Boolean> bool() {
        return BooleanType.INSTANCE;
    }

    /** An http(s) URL with a host (SCHEM107). */
    public static SettingType<URI> httpUrl() {
        return UrlType.INSTANCE;
    }

    /** Any text, stripped. */
    public static SettingType<String> text() {
        return TextType.INSTANCE;
    }

    /** Text kept exactly as given (passwords: blanks may be part of them). */
    public static SettingType<String> verbatim() {
        return TextType.VERBATIM;
    }

    /**
     * A value of the enum {@code type} written as its lower-case name ({@code embedded}); anything else fails with
     * {@code code}.
     */
    public static <E extends Enum<E>> SettingType<E> choice(Class<E> type, SchemCode code) {
        return new ChoiceType<>(type, code);
    }

    /**
     * A type whose text form is parsed by {@code parse} (which names the key in its errors) and whose typed values are
     * checked by {@code check}.
     */
    public static <T> SettingType<T> custom(
            Class<T> type,
            String describe,
            BiFunction<String, String, T> parse,
            BiFunction<String, T, T> check,
            SchemCode... codes) {
        return new CustomType<>(type, describe, parse, check, List.of(codes));
    }

    record DurationType(Duration min, SchemCode parseCode, SchemCode rangeCode) implements SettingType<Duration> {
        @Override
        public Class<Duration> javaType() {
            return Duration.class;
        }

        @Override
        public Duration parse(String key, String text) {
            Duration d;
            try {
                d = DurationText.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw parseCode.error(key, "expected a duration such as 5s, 250ms or PT5S, got '" + text.strip() + "'");
            }
            return check(key, d, text.strip());
        }

        @Override
        public Duration check(String key, Duration value) {
            return check(key, value, DurationText.format(value));
        }

        private Duration check(String key, Duration value, String shown) {
            if (value.compareTo(min) < 0) {
                throw rangeCode.error(
                        key, "expected a duration of at least " + min.toMillis() + "ms, got '" + shown + "'");
            }
            return value;
        }

        @Override
        public List<SchemCode> codes() {
            return parseCode == rangeCode ? List.of(parseCode) : List.of(parseCode, rangeCode);
        }

        @Override
        public String describe() {
            return min.isZero() ? "duration" : "duration ≥ " + DurationText.format(min);
        }
    }

    record IntegerType(int min, int max, SchemCode parseCode, SchemCode rangeCode) implements SettingType<Integer> {
        @Override
        public Class<Integer> javaType() {
            return Integer.class;
        }

        @Override
        public Integer parse(String key, String text) {
            String v = text.strip();
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw parseCode.error(key, "expected a whole number, got '" + v + "'");
            }
            if (n < min || n > max) {
                throw outOfRange(key, n);
            }
            return (int) n;
        }

        @Override
        public Integer check(String key, Integer value) {
            if (value < min || value > max) {
                throw outOfRange(key, value);
            }
            return value;
        }

        private RuntimeException outOfRange(String key, long n) {
            String range = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            return rangeCode.error(key, "expected a number " + range + ", got " + n);
        }

        @Override
        public List<SchemCode> codes() {
            return parseCode == rangeCode ? List.of(parseCode) : List.of(parseCode, rangeCode);
        }

        @Override
        public String describe() {
            return max == Integer.MAX_VALUE ? "integer ≥ " + min : "integer " + min + "–" + max;
        }
    }

    enum BooleanType implements SettingType<Boolean> {
        INSTANCE;

        @Override
        public Class<Boolean> javaType() {
            return Boolean.class;
        }

        @Override
        public Boolean parse(String key, String text) {
            String v = text.strip().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.parseBoolean(v);
            }
            throw SchemCode.SCHEM103.error(key, "expected true or false, got '" + text + "'");
        }

        @Override
        public Boolean check(String key, Boolean value) {
            return value;
        }

        @Override
        public List<SchemCode> codes() {
            return List.of(SchemCode.SCHEM103);
        }

        @Override
        public String describe() {
            return "boolean";
        }
    }

    enum UrlType implements SettingType<URI> {
        INSTANCE;

        @Override
        public Class<URI> javaType() {
            return URI.class;
        }

        @Override
        public URI parse(String key, String text) {
            String v = text.strip();
            try {
                return check(key, new URI(v));
            } catch (URISyntaxException e) {
                throw invalid(key, v);
            }
        }

        @Override
        public URI check(String key, URI uri) {
            String scheme = uri.getScheme();
            if (uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return uri;
            }
            throw invalid(key, uri.toString());
        }

        private static RuntimeException invalid(String key, String v) {
            return SchemCode.SCHEM107.error(
                    key, "expected an http(s) URL such as https://api.schematichq.com, got '" + v + "'");
        }

        @Override
        public List<SchemCode> codes() {
            return List.of(SchemCode.SCHEM107);
        }

        @Override
        public String describe() {
            return "http(s) URL";
        }
    }

    enum TextType implements SettingType<String> {
        INSTANCE,
        VERBATIM;

        @Override
        public Class<String> javaType() {
            return String.class;
        }

        @Override
        public String parse(String key, String text) {
            return this == VERBATIM ? text : text.strip();
        }

        @Override
        public String check(String key, String value) {
            return parse(key, value);
        }

        @Override
        public List<SchemCode> codes() {
            return List.of();
        }

        @Override
        public String describe() {
            return "text";
        }
    }

    record ChoiceType<E extends Enum<E>>(Class<E> javaType, SchemCode code) implements SettingType<E> {
        @Override
        public E parse(String key, String text) {
            for (E e : javaType.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(text.strip())) {
                    return e;
                }
            }
            throw code.error(key, "expected " + describe() + ", got '" + text + "'");
        }

        @Override
        public E check(String key, E value) {
            return value;
        }

        @Override
        public List<SchemCode> codes() {
            return List.of(code);
        }

        @Override
        public String describe() {
            StringBuilder b = new StringBuilder();
            E[] all = javaType.getEnumConstants();
            for (int i = 0; i < all.length; i++) {
                b.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ")
                        .append(all[i].name().toLowerCase(Locale.ROOT));
            }
            return b.toString();
        }
    }

    record CustomType<T>(
            Class<T> javaType,
            String describe,
            BiFunction<String, String, T> parser,
            BiFunction<String, T, T> checker,
            List<SchemCode> codes)
            implements SettingType<T> {
        @Override
        public T parse(String key, String text) {
            return parser.apply(key, text);
        }

        @Override
        public T check(String key, T value) {
            return checker.apply(key, value);
        }
    }
}
