package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code schematic.webhooks.*}: defaults, accepted spellings, and errors that name the key. */
class WebhookSettingsTest {
    static WebhookSettings read(Map<String, String> config) {
        return WebhookSettings.read(
                VerifiedSchematicWebhook.DEFAULT_SECRET_KEY, k -> Optional.ofNullable(config.get(k)));
    }

    @Test
    void defaultsAreNoToleranceAndOneMebibyte() {
        WebhookSettings settings = read(Map.of("schematic.webhooks.secret", "whsec_a"));
        assertTrue(settings.verifier().tolerance().isEmpty());
        assertEquals(1_048_576, settings.maxBodySize());
        assertEquals(Duration.ofSeconds(10), settings.bodyTimeout());
    }

    @ParameterizedTest(name = "body-timeout {0} = {1} ms")
    @CsvSource({"10s,10000", "500ms,500", "PT2S,2000", "1m,60000"})
    void bodyTimeoutAcceptsDurations(String value, long millis) {
        assertEquals(
                Duration.ofMillis(millis),
                read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.body-timeout", value))
                        .bodyTimeout());
    }

    @ParameterizedTest(name = "body-timeout ''{0}'' is refused")
    @ValueSource(strings = {"soon", "0", "0s", "-1s", "ten seconds"})
    void anInvalidBodyTimeoutFailsNamingTheKey(String value) {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.body-timeout", value)));
        assertEquals("schematic.webhooks.body-timeout", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM404 schematic.webhooks.body-timeout: expected"), e.getMessage());
    }

    @Test
    void aMissingSecretFailsNamingTheKey() {
        SchematicConfigException e = assertThrows(SchematicConfigException.class, () -> read(Map.of()));
        assertEquals("schematic.webhooks.secret", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM401 schematic.webhooks.secret: required"), e.getMessage());
        assertThrows(SchematicConfigException.class, () -> read(Map.of("schematic.webhooks.secret", " , ")));
    }

    @Test
    void aPerEndpointKeyIsReadAndNamedInItsError() {
        Map<String, String> config = Map.of("schematic.webhooks.secrets.billing", "whsec_billing");
        WebhookSettings billing =
                WebhookSettings.read("schematic.webhooks.secrets.billing", k -> Optional.ofNullable(config.get(k)));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertTrue(
                billing.verifier().isValid(body, WebhookVerifier.computeHexSignature(body, "1", "whsec_billing"), "1"));
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> WebhookSettings.read("schematic.webhooks.secrets.crm", k -> Optional.ofNullable(config.get(k))));
        assertEquals("schematic.webhooks.secrets.crm", e.key());
    }

    @Test
    void commaSeparatedSecretsAreAllAcceptedDuringRotation() {
        assertEquals(List.of("whsec_new", "whsec_old"), WebhookSettings.splitSecrets(" whsec_new , whsec_old,"));
        WebhookVerifier verifier =
                read(Map.of("schematic.webhooks.secret", "whsec_new,whsec_old")).verifier();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertTrue(verifier.isValid(body, WebhookVerifier.computeHexSignature(body, "1", "whsec_old"), "1"));
        assertTrue(verifier.isValid(body, WebhookVerifier.computeHexSignature(body, "1", "whsec_new"), "1"));
        assertFalse(verifier.isValid(body, WebhookVerifier.computeHexSignature(body, "1", "whsec_new,whsec_old"), "1"));
    }

    @ParameterizedTest(name = "tolerance {0} = {1}s")
    @CsvSource({"5m,300", "PT5M,300", "300s,300", "300,300", "1h,3600", "pt30s,30"})
    void toleranceAcceptsShortAndIsoDurations(String value, long seconds) {
        WebhookSettings settings =
                read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.tolerance", value));
        assertEquals(
                Duration.ofSeconds(seconds), settings.verifier().tolerance().orElseThrow());
    }

    @ParameterizedTest(name = "tolerance ''{0}'' is off")
    @ValueSource(strings = {"off", "none", "0", "0s", "PT0S"})
    void toleranceCanBeSpelledOff(String value) {
        assertTrue(read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.tolerance", value))
                .verifier()
                .tolerance()
                .isEmpty());
    }

    @ParameterizedTest(name = "tolerance ''{0}'' is refused")
    @ValueSource(strings = {"soon", "-5m", "PT-5M", "5 minutes"})
    void anInvalidToleranceFailsNamingTheKey(String value) {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.tolerance", value)));
        assertEquals("schematic.webhooks.tolerance", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM402 schematic.webhooks.tolerance: expected"), e.getMessage());
    }

    @ParameterizedTest(name = "max-body-size {0} = {1} bytes")
    @CsvSource({
        "1048576,1048576",
        "512KiB,524288",
        "1MiB,1048576",
        "1 MiB,1048576",
        "64k,65536",
        "2MB,2097152",
        "100B,100",
        "1,1"
    })
    void maxBodySizeAcceptsBytesAndBinaryUnits(String value, int bytes) {
        assertEquals(
                bytes,
                read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.max-body-size", value))
                        .maxBodySize());
    }

    @ParameterizedTest(name = "max-body-size ''{0}'' is refused")
    @ValueSource(strings = {"big", "0", "-1", "1.5MiB", "4GiB", "99999999999999999999"})
    void anInvalidMaxBodySizeFailsNamingTheKey(String value) {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> read(Map.of("schematic.webhooks.secret", "s", "schematic.webhooks.max-body-size", value)));
        assertEquals("schematic.webhooks.max-body-size", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM403 schematic.webhooks.max-body-size: expected"), e.getMessage());
    }

    @Test
    void configErrorsNeverEchoTheSecret() {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> read(Map.of("schematic.webhooks.secret", "whsec_hidden", "schematic.webhooks.tolerance", "x")));
        assertFalse(e.getMessage().contains("whsec_hidden"));
    }
}
