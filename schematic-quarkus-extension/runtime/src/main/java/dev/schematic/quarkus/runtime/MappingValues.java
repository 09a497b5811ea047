package dev.schematic.quarkus.runtime;

import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.ConfigValues;
import dev.schematic.internal.config.Setting;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reads the typed members of {@link SchematicRuntimeConfig} through the {@link Catalogue}: the member of a key is
 * found by its name ({@code schematic.datastream.reconnect.min-delay} → {@code datastream().reconnect().minDelay()}),
 * and its typed value ({@code Duration}, {@code int}, {@code URI}, {@code Optional<…>}) is checked by the key's
 * setting, exactly as a text value from MicroProfile Config is parsed. So a key added to the catalogue and to the
 * mapping needs no code here.
 */
public final class MappingValues {
    private MappingValues() {}

    /** The mapping's values, by catalogue key. */
    public static ConfigValues of(SchematicRuntimeConfig mapping) {
        return ConfigValues.of(key -> Catalogue.find(key).flatMap(setting -> value(mapping, setting)));
    }

    /** The member's value of one setting, empty when unset. */
    static Optional<?> value(SchematicRuntimeConfig mapping, Setting<?> setting) {
        Object node = mapping;
        for (String segment : setting.relativeName().split("\\.")) {
            Method member = member(node.getClass(), segment, setting);
            try {
                node = member.invoke(node);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return node instanceof Optional<?> o ? o : Optional.of(node);
    }

    /**
     * The accessor of one name segment, looked up on the mapping interfaces the generated class implements.
     *
     * @throws IllegalStateException when the mapping has no member for the key (a key added to the catalogue only)
     */
    static Method member(Class<?> type, String segment, Setting<?> setting) {
        String name = camelCase(segment);
        for (Class<?> iface : interfaces(type)) {
            try {
                Method m = iface.getMethod(name);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // try the next interface
            }
        }
        throw new IllegalStateException("SchematicRuntimeConfig has no member " + name + "() for " + setting.name()
                + ": add it (typed as " + setting.javaType().getSimpleName() + ")");
    }

    private static Class<?>[] interfaces(Class<?> type) {
        return type.isInterface() ? new Class<?>[] {type} : type.getInterfaces();
    }

    /** {@code min-delay} → {@code minDelay}. */
    static String camelCase(String segment) {
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
