package dev.schematic.internal.client;

import dev.schematic.SchematicOfflineException;
import dev.schematic.api.ClientFactory;
import java.lang.reflect.Proxy;

/** The typed API of an offline client: makes no request; every call throws {@link SchematicOfflineException}. */
final class OfflineApi implements ClientFactory {
    static final OfflineApi INSTANCE = new OfflineApi();

    private OfflineApi() {}

    @Override
    public <T> T client(Class<T> apiInterface) {
        return apiInterface.cast(Proxy.newProxyInstance(
                apiInterface.getClassLoader(), new Class<?>[] {apiInterface}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString")
                                ? "offline " + apiInterface.getSimpleName()
                                : method.getName().equals("hashCode")
                                        ? System.identityHashCode(proxy)
                                        : proxy == args[0];
                    }
                    throw new SchematicOfflineException("Schematic is offline (schematic.offline=true): "
                            + apiInterface.getSimpleName() + "." + method.getName() + " makes no request");
                }));
    }
}
