package dev.schematic.webhooks;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS resource class or method as a Schematic webhook receiver: {@link WebhookSignatureFilter} verifies
 * the signature before the resource runs, which then reads the identical raw body (as {@code byte[]}, {@code String}
 * or any entity type). Unsigned, tampered or oversized requests are answered 400, 401 or 413 without calling it.
 *
 * <pre>{@code
 * @POST
 * @Path("/webhooks/schematic")
 * @VerifiedSchematicWebhook
 * public void receive(byte[] body) { WebhookEvent<?> event = WebhookEvents.parse(body); ... }
 * }</pre>
 *
 * <p>The annotation on a method wins over the one on its class.
 */
@NameBinding
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface VerifiedSchematicWebhook {
    /** The default configuration key holding the signing secret(s). */
    String DEFAULT_SECRET_KEY = "schematic.webhooks.secret";

    /**
     * The MicroProfile Config key holding this endpoint's signing secret(s), comma-separated while rotating, for an
     * application receiving several Schematic webhooks with different secrets, e.g. {@code
     * schematic.webhooks.secrets.billing}. Defaults to {@value #DEFAULT_SECRET_KEY}.
     */
    String secretKey() default DEFAULT_SECRET_KEY;
}
