/**
 * Schematic webhooks: {@link dev.schematic.webhooks.WebhookVerifier} checks signatures anywhere (plain Java, queues,
 * batch jobs); {@link dev.schematic.webhooks.VerifiedSchematicWebhook} with {@link
 * dev.schematic.webhooks.WebhookSignatureFilter} guards JAX-RS resources; {@link dev.schematic.webhooks.WebhookEvents}
 * parses verified bytes into typed {@link dev.schematic.webhooks.WebhookEvent}s. See docs/webhooks.md.
 */
package dev.schematic.webhooks;
