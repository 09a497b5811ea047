package dev.schematic;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * A hook to adjust every REST client the SDK builds (API and event capture) before it is built: an HTTP proxy, TLS
 * settings, extra headers (register a {@code ClientRequestFilter}), more providers.
 *
 * <pre>{@code
 * Schematic.builder().apiKey(key)
 *     .customizer(b -> b.proxyAddress("proxy.internal", 3128))
 *     .build();
 * }</pre>
 *
 * In CDI, every bean of this type is applied (in no particular order).
 */
@FunctionalInterface
public interface SchematicClientCustomizer {
    void customize(RestClientBuilder builder);
}
