package dev.schematic.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.Setting;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The typed {@code @ConfigMapping} has a member for every key of the SDK's catalogue, of the catalogue's Java type and
 * with the catalogue's default, so Quarkus' generated config docs show the real types and defaults.
 */
class MappingCoversTheCatalogueTest {
    /** Members kept as text on purpose: they accept forms no Java type has ({@code off}, {@code 512KiB}). */
    private static final Set<String> TEXT_BY_DESIGN =
            Set.of("schematic.webhooks.tolerance", "schematic.webhooks.max-body-size");
    /** Primitive members of boxed catalogue types. */
    private static final Map<Class<?>, Class<?>> BOXED = Map.of(boolean.class, Boolean.class, int.class, Integer.class);

    @Test
    void everyCatalogueKeyHasATypedMemberWithTheSameDefault() {
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : Catalogue.ALL) {
            if (setting == Catalogue.FLAG_DEFAULTS) {
                continue; // the list form shares its name with the flagDefaults() map; read by FlagDefaultKeys
            }
            Method leaf = leaf(setting, problems);
            if (leaf == null) {
                continue;
            }
            Class<?> type = valueType(leaf.getGenericReturnType());
            Class<?> expected = TEXT_BY_DESIGN.contains(setting.name()) ? String.class : setting.javaType();
            if (!expected.equals(type)) {
                problems.add(setting.name() + ": member type " + type.getSimpleName() + ", catalogue "
                        + expected.getSimpleName());
            }
            Optional<String> mappingDefault =
                    Optional.ofNullable(leaf.getAnnotation(WithDefault.class)).map(WithDefault::value);
            if (!mappingDefault.equals(setting.defaultValue())) {
                problems.add(
                        setting.name() + ": @WithDefault " + mappingDefault + ", catalogue " + setting.defaultValue());
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Method leaf(Setting<?> setting, List<String> problems) {
        Class<?> node = SchematicRuntimeConfig.class;
        Method member = null;
        for (String segment : setting.relativeName().split("\\.")) {
            try {
                member = node.getMethod(camelCase(segment));
            } catch (NoSuchMethodException e) {
                problems.add(setting.name() + ": no member " + camelCase(segment) + "() in " + node.getSimpleName());
                return null;
            }
            node = member.getReturnType();
        }
        return member;
    }

    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return valueType(p.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> c) {
            return BOXED.getOrDefault(c, c);
        }
        return Object.class;
    }

    private static String camelCase(String segment) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : segment.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
