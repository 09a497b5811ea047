package dev.schematic.quarkus.runtime.devui;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * A {@link Schematic} that answers exactly as the client it wraps and records every flag check in a {@link CheckLog}
 * (dev mode only, for the Dev UI card). Written against the public interface alone: the convenience methods (map
 * sugar, {@code checkFlag} returning a boolean) run as the interface's default methods on this wrapper, so they all
 * reach the two methods that answer checks, {@code checkFlagDetailed(String, EvaluationContext, CheckOptions)} and
 * {@code checkFlags(List, EvaluationContext)}, which are forwarded and recorded. Everything else is forwarded as is.
 * Checks made through {@code async()} are not recorded.
 */
public final class RecordingSchematic implements InvocationHandler {
    private final Schematic delegate;
    private final CheckLog log;

    private RecordingSchematic(Schematic delegate, CheckLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    /** The wrapped client. */
    public static Schematic wrap(Schematic delegate, CheckLog log) {
        return (Schematic) Proxy.newProxyInstance(
                Schematic.class.getClassLoader(),
                new Class<?>[] {Schematic.class},
                new RecordingSchematic(delegate, log));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "recording " + delegate;
            };
        }
        if (method.isDefault() && isCheck(method)) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        Object result;
        try {
            result = method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (isCheck(method)) {
            EvaluationContext context = contextOf(args);
            if (result instanceof FlagCheck check) {
                log.record(check, context);
            } else if (result instanceof List<?> checks) {
                for (Object c : checks) {
                    log.record(c instanceof FlagCheck f ? f : null, context);
                }
            }
        }
        return result;
    }

    private static boolean isCheck(Method method) {
        return method.getName().startsWith("checkFlag");
    }

    private static EvaluationContext contextOf(Object[] args) {
        if (args != null) {
            for (Object a : args) {
                if (a instanceof EvaluationContext c) {
                    return c;
                }
            }
        }
        return null;
    }
}
