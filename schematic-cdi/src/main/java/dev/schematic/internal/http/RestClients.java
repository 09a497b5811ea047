package dev.schematic.internal.http;

import dev.schematic.RequestOptions;
import dev.schematic.SchematicClientCustomizer;
import dev.schematic.SchematicClosedException;
import dev.schematic.api.ClientFactory;
import dev.schematic.internal.config.SchematicConfig;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds and caches the SDK's MicroProfile Rest Client proxies: API key and SDK headers, the SDK's JSON-B provider,
 * error mapping to {@code SchematicApiException}, connect/read timeouts, retries, and the user's customizers.
 * One instance per SDK client; {@link #close()} closes every proxy it built.
 *
 * <p>The connect timeout is {@code schematic.connect-timeout}, capped at the read timeout. At most {@link
 * #MAX_CACHED} REST clients (API, URL, timeouts) and as many retrying wrappers are kept; a request with yet another
 * combination (many distinct per-request timeouts) gets a client built for that one call and closed after it.
 */
public final class RestClients implements ClientFactory, AutoCloseable {
    /** Most REST client proxies kept for reuse. */
    public static final int MAX_CACHED = 32;

    private final SchematicConfig config;
    private final List<SchematicClientCustomizer> customizers;
    private final Map<Key, Object> raw = new ConcurrentHashMap<>();
    private final Map<Key, Object> retrying = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Key(Class<?> api, URI baseUri, Duration connectTimeout, Duration readTimeout, int maxRetries) {}

    public RestClients(SchematicConfig config, List<SchematicClientCustomizer> customizers) {
        this.config = config;
        this.customizers = List.copyOf(customizers);
    }

    /** A client of the Schematic API with the configured timeout and retries. */
    @Override
    public <T> T client(Class<T> api) {
        return client(api, RequestOptions.DEFAULTS);
    }

    /** A client of the Schematic API with per-request overrides. */
    public <T> T client(Class<T> api, RequestOptions options) {
        Duration timeout = options.timeout().orElse(config.timeout());
        int maxRetries = options.maxRetries().orElse(config.maxRetries());
        T client = client(api, config.baseUrl(), timeout, maxRetries);
        // without retries the raw proxy would let the transport's ProcessingException through: wrap it all the same
        return maxRetries == 0 ? RetryingInvocationHandler.wrap(api, client, policy(0)) : client;
    }

    /** A client of another Schematic endpoint (event capture), with its own timeout and no retries. */
    public <T> T client(Class<T> api, URI baseUri, Duration timeout) {
        return client(api, baseUri, timeout, 0);
    }

    /**
     * A client of the Schematic API for single attempts (no retries) whose connect and read timeouts are at most
     * {@code timeout}: the flag-check path, which retries inside its own deadline.
     */
    public <T> T singleAttempt(Class<T> api, Duration timeout) {
        return client(api, config.baseUrl(), timeout, 0);
    }

    /** Distinct clients kept now (for tests). */
    int cachedClients() {
        return raw.size() + retrying.size();
    }

    private <T> T client(Class<T> api, URI baseUri, Duration timeout, int maxRetries) {
        if (closed) {
            throw new SchematicClosedException("the Schematic client is closed");
        }
        Duration connect = config.connectTimeout().compareTo(timeout) < 0 ? config.connectTimeout() : timeout;
        Key rawKey = new Key(api, baseUri, connect, timeout, 0);
        Key key = new Key(api, baseUri, connect, timeout, maxRetries);
        Object cached = maxRetries == 0 ? raw.get(rawKey) : retrying.get(key);
        if (cached == null && raw.size() >= MAX_CACHED && !raw.containsKey(rawKey)) {
            T oneShot = oneShot(api, baseUri, connect, timeout);
            return maxRetries == 0 ? oneShot : RetryingInvocationHandler.wrap(api, oneShot, policy(maxRetries));
        }
        if (cached != null) {
            return api.cast(cached);
        }
        Object target = raw.computeIfAbsent(rawKey, rk -> build(api, baseUri, connect, timeout));
        if (maxRetries == 0) {
            return api.cast(target);
        }
        if (retrying.size() >= MAX_CACHED) {
            // a retrying wrapper holds no connections: make one for this call instead of keeping it
            return RetryingInvocationHandler.wrap(api, api.cast(target), policy(maxRetries));
        }
        return api.cast(retrying.computeIfAbsent(
                key, k -> RetryingInvocationHandler.wrap(api, api.cast(target), policy(maxRetries))));
    }

    private RetryPolicy policy(int maxRetries) {
        return new RetryPolicy(maxRetries, config.retryBackoff());
    }

    /** A proxy that builds a client for each operation and closes it afterwards (nothing is kept). */
    private <T> T oneShot(Class<T> api, URI baseUri, Duration connect, Duration read) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "Schematic REST client (one call) " + api.getSimpleName();
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            T client = build(api, baseUri, connect, read);
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                closeQuietly(client);
            }
        };
        return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, handler));
    }

    private <T> T build(Class<T> api, URI baseUri, Duration connect, Duration read) {
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(read.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new WarmUpFilter(), WarmUpFilter.PRIORITY)
                .register(new JsonBodyProvider(), 100)
                .register(new ApiErrorMapper())
                .register(new SdkHeaders(config.apiKey()));
        for (SchematicClientCustomizer customizer : customizers) {
            customizer.customize(builder);
        }
        return builder.build(api);
    }

    private static void closeQuietly(Object proxy) {
        if (proxy instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a REST client proxy only releases its connection pool
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Object proxy : raw.values()) {
            closeQuietly(proxy);
        }
        raw.clear();
        retrying.clear();
    }
}
