package dev.schematic.http;

import dev.schematic.RequestOptions;
import dev.schematic.SchematicConfig;
import dev.schematic.api.ClientFactory;
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
 */
public final class RestClients implements ClientFactory, AutoCloseable {
    private final SchematicConfig config;
    private final List<SchematicClientCustomizer> customizers;
    private final Map<Key, Object> raw = new ConcurrentHashMap<>();
    private final Map<Key, Object> retrying = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private record Key(Class<?> api, URI baseUri, Duration timeout, int maxRetries) {}

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
        return client(api, config.baseUrl(), timeout, maxRetries);
    }

    /** A client of another Schematic endpoint (event capture), with its own timeout and no retries. */
    public <T> T client(Class<T> api, URI baseUri, Duration timeout) {
        return client(api, baseUri, timeout, 0);
    }

    private <T> T client(Class<T> api, URI baseUri, Duration timeout, int maxRetries) {
        if (closed) {
            throw new IllegalStateException("the Schematic client is closed");
        }
        Key key = new Key(api, baseUri, timeout, maxRetries);
        Object proxy = retrying.computeIfAbsent(key, k -> {
            Object target = raw.computeIfAbsent(new Key(api, baseUri, timeout, 0), rk -> build(api, baseUri, timeout));
            return maxRetries == 0
                    ? target
                    : RetryingInvocationHandler.wrap(
                            api, api.cast(target), new RetryPolicy(maxRetries, config.retryBackoff()));
        });
        return api.cast(proxy);
    }

    private <T> T build(Class<T> api, URI baseUri, Duration timeout) {
        RestClientBuilder builder = RestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register(new JsonBodyProvider(), 100)
                .register(new ApiErrorMapper())
                .register(new SdkHeaders(config.apiKey()));
        for (SchematicClientCustomizer customizer : customizers) {
            customizer.customize(builder);
        }
        return builder.build(api);
    }

    @Override
    public void close() {
        closed = true;
        for (Object proxy : raw.values()) {
            if (proxy instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a REST client proxy only releases its connection pool
                }
            }
        }
        raw.clear();
        retrying.clear();
    }
}
