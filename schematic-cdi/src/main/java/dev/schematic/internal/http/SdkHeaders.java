package dev.schematic.internal.http;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * Adds the API key and the SDK's identification headers to every request. The key is set last, so a customizer's
 * filter cannot replace it by accident.
 */
public final class SdkHeaders implements ClientRequestFilter {
    /** The SDK's version, from the jar manifest when packaged. */
    public static final String VERSION = versionOf();

    public static final String USER_AGENT = "schematic-jakarta/" + VERSION;
    public static final String API_KEY_HEADER = "X-Schematic-Api-Key";

    private final String apiKey;

    public SdkHeaders(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public void filter(ClientRequestContext request) {
        var headers = request.getHeaders();
        headers.putSingle(HttpHeaders.USER_AGENT, USER_AGENT);
        headers.putSingle("X-Fern-Language", "JAVA");
        headers.putSingle("X-Fern-SDK-Name", "dev.schematic:schematic-cdi");
        headers.putSingle("X-Fern-SDK-Version", VERSION);
        if (!headers.containsKey(HttpHeaders.ACCEPT)) {
            headers.putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
        headers.putSingle(API_KEY_HEADER, apiKey);
    }

    private static String versionOf() {
        String v = SdkHeaders.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
