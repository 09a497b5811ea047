package dev.schematic.webhooks;

import dev.schematic.SchematicConfigException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Verifies the Schematic signature of requests to resources marked {@link VerifiedSchematicWebhook}, before they run.
 * Reads the raw body once (at most {@code schematic.webhooks.max-body-size} bytes, within {@code
 * schematic.webhooks.body-timeout}), checks it with a {@link WebhookVerifier} built from {@code schematic.webhooks.*}
 * (or the annotation's {@code secretKey}), checks that the genuine body is a webhook envelope ({@link
 * WebhookEvents#parseEnvelope}), and hands the identical bytes on to the resource. Rejections carry a JSON body {@code
 * {"error":"..."}} and are logged as one WARNING line without a stack trace:
 *
 * <ul>
 *   <li>400: a signature or timestamp header is missing, or a correctly signed body is not a webhook envelope;
 *   <li>401: the signature is malformed or wrong, or the timestamp is outside {@code schematic.webhooks.tolerance};
 *   <li>408: the body did not arrive within the time bound (the connection is closed);
 *   <li>413: the body is larger than the limit (read up to one byte over it; the connection is closed);
 *   <li>500: the endpoint's secret is not configured (logged once, with the key to set).
 * </ul>
 *
 * <p>Found by JAX-RS scanning where the server scans library jars for {@code @Provider} (WildFly does), and registered
 * by the {@code schematic-quarkus} extension in Quarkus; otherwise register it explicitly, e.g. return it from {@code
 * Application#getClasses()}. Configuration is read through
 * MicroProfile Config on first use and cached per secret key. Neither secrets nor signatures are ever logged.
 */
@Provider
@VerifiedSchematicWebhook
@Priority(Priorities.AUTHENTICATION)
public class WebhookSignatureFilter implements ContainerRequestFilter {
    private static final System.Logger LOG = System.getLogger(WebhookSignatureFilter.class.getName());

    private final Supplier<Config> config;
    private final Clock clock;
    private final ConcurrentMap<String, WebhookSettings> settings = new ConcurrentHashMap<>();
    private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();

    @Context
    ResourceInfo resourceInfo;

    /** Reads configuration from {@link ConfigProvider#getConfig()}: what JAX-RS calls when it creates the filter. */
    public WebhookSignatureFilter() {
        this(ConfigProvider::getConfig, Clock.systemUTC());
    }

    /** Reads configuration from {@code config}, e.g. for {@code Application#getSingletons()}. */
    public WebhookSignatureFilter(Config config) {
        this(() -> config, Clock.systemUTC());
        Objects.requireNonNull(config, "config");
    }

    WebhookSignatureFilter(Supplier<Config> config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String secretKey = secretKey();
        WebhookSettings endpoint;
        try {
            endpoint = settings.computeIfAbsent(secretKey, this::read);
        } catch (SchematicConfigException e) {
            if (reportedProblems.add(e.getMessage())) {
                LOG.log(Level.ERROR, "Schematic webhooks are not configured: " + e.getMessage());
            }
            reject(request, 500, "Webhook verification is not configured");
            return;
        }

        int limit = endpoint.maxBodySize();
        // A declared Content-Length over the limit is not answered before reading: Payara (Grizzly) never delivered
        // a 413 sent before the body was read (the client timed out). The bounded reader stops at limit + 1 bytes.
        BoundedBodyReader.Result read =
                BoundedBodyReader.read(request.getEntityStream(), limit, endpoint.bodyTimeout());
        switch (read.outcome()) {
            case TOO_LARGE -> {
                reject(request, 413, "Webhook body exceeds " + limit + " bytes");
                return;
            }
            case TOO_SLOW -> {
                reject(request, 408, "Webhook body not received within " + describe(endpoint.bodyTimeout()));
                return;
            }
            case READ -> {}
        }
        byte[] body = read.body();
        request.setEntityStream(new ByteArrayInputStream(body));

        try {
            endpoint.verifier()
                    .verify(
                            body,
                            request.getHeaderString(WebhookVerifier.SIGNATURE_HEADER),
                            request.getHeaderString(WebhookVerifier.TIMESTAMP_HEADER));
        } catch (WebhookSignatureException e) {
            reject(request, e.reason().isMissingHeader() ? 400 : 401, e.getMessage());
            return;
        }
        try {
            // genuine, but is it a webhook? Answering 400 here (not a 500 from the resource) stops Schematic's retries
            WebhookEvents.parseEnvelope(body);
        } catch (WebhookPayloadException e) {
            reject(request, 400, e.getMessage());
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
    }

    private WebhookSettings read(String secretKey) {
        Config source = config.get();
        WebhookSettings read = WebhookSettings.read(secretKey, key -> source.getOptionalValue(key, String.class));
        return new WebhookSettings(read.verifier().withClock(clock), read.maxBodySize(), read.bodyTimeout());
    }

    private String secretKey() {
        ResourceInfo info = resourceInfo;
        return info == null
                ? VerifiedSchematicWebhook.DEFAULT_SECRET_KEY
                : secretKey(info.getResourceMethod(), info.getResourceClass())
                        .orElse(VerifiedSchematicWebhook.DEFAULT_SECRET_KEY);
    }

    /**
     * The key named by the annotation on {@code method}, else on {@code type}: empty when neither is annotated, the
     * default key when the annotation leaves it blank.
     */
    static Optional<String> secretKey(Method method, Class<?> type) {
        VerifiedSchematicWebhook marker = Optional.ofNullable(method)
                .map(m -> m.getAnnotation(VerifiedSchematicWebhook.class))
                .orElseGet(() -> type == null ? null : type.getAnnotation(VerifiedSchematicWebhook.class));
        if (marker == null) {
            return Optional.empty();
        }
        return Optional.of(
                marker.secretKey().isBlank()
                        ? VerifiedSchematicWebhook.DEFAULT_SECRET_KEY
                        : marker.secretKey().strip());
    }

    private static void reject(ContainerRequestContext request, int status, String error) {
        // The raw (still percent-encoded) path cannot break the log line; UriInfo.getPath(false) would too, but
        // Quarkus REST does not support it (IllegalArgumentException "We do not support non-decoded parameters").
        WebhookRejection.log(
                request.getMethod() + " " + request.getUriInfo().getRequestUri().getRawPath(), status, error);
        request.abortWith(WebhookRejection.answer(status, error));
    }
}
