package dev.schematic.webhooks;

import dev.schematic.SchematicConfigException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Fails the deployment, naming the key, when a {@link VerifiedSchematicWebhook} resource that is a CDI bean (e.g.
 * {@code @ApplicationScoped} or {@code @RequestScoped}) has no secret or invalid webhook settings. A CDI portable
 * extension, because every server validates CDI deployments while deploying, whereas some create JAX-RS providers only
 * on the first request: Open Liberty deployed an application without its secret, and only the first webhook got a
 * 500. {@link WebhookStartupCheck} covers resources that are not CDI beans where JAX-RS starts at deployment.
 *
 * <p>Registered in {@code META-INF/services}; nothing to do in the application.
 */
public class WebhookDeploymentCheck implements Extension {
    /** Each checked key and the first resource class that named it. */
    private final Map<String, String> keys = new TreeMap<>();

    void collect(@Observes ProcessAnnotatedType<?> type) {
        // every type (a cheap check of what the container has already read) rather than @WithAnnotations
        AnnotatedType<?> annotated = type.getAnnotatedType();
        if (!annotated.isAnnotationPresent(VerifiedSchematicWebhook.class)
                && annotated.getMethods().stream()
                        .noneMatch(m -> m.isAnnotationPresent(VerifiedSchematicWebhook.class))) {
            return;
        }
        Class<?> resource = annotated.getJavaClass();
        Arrays.stream(resource.getMethods())
                .filter(WebhookDeploymentCheck::isResourceMethod)
                .forEach(method -> WebhookSignatureFilter.secretKey(method, resource)
                        .ifPresent(key -> keys.putIfAbsent(key, resource.getName())));
    }

    void check(@Observes AfterDeploymentValidation validation) {
        if (keys.isEmpty()) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        keys.keySet().forEach(key -> {
            try {
                WebhookSettings.read(key, k -> config.getOptionalValue(k, String.class));
            } catch (SchematicConfigException e) {
                validation.addDeploymentProblem(e);
            }
        });
    }

    /** A JAX-RS resource method or sub-resource locator: what JAX-RS applies the filter to. */
    private static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
