package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookVerifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@link SchematicException}'s javadoc: a wrong argument is a JDK {@code NullPointerException} or
 * {@code IllegalArgumentException} naming the parameter; a bad setting (builder setters included) is a
 * {@link SchematicConfigException} naming the key, from {@code build()}; null context keys mean "absent".
 */
class ProgrammerErrorsTest {

    @Test
    void anEmptyWebhookSecretIsRefusedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.of(""));
        assertEquals("secret: expected the webhook's signing secret, got \"\"", e.getMessage());
    }

    @Test
    void aNullWebhookSecretSaysWhereItProbablyCameFrom() {
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> WebhookVerifier.of(System.getenv("NO_SUCH_VARIABLE_X")));
        assertEquals(
                "secret: expected the webhook's signing secret, got null (is its environment variable set?)",
                e.getMessage());
    }

    @Test
    void aNegativeWebhookToleranceNamesTheParameter() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> WebhookVerifier.of("s").withTolerance(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("tolerance: expected zero or a positive duration"), e.getMessage());
    }

    @Test
    void requestAndCheckOptionsNameTheParameter() {
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> RequestOptions.timeout(Duration.ZERO));
        assertEquals("timeout: expected a positive duration, got PT0S", zero.getMessage());
        NullPointerException none = assertThrows(NullPointerException.class, () -> CheckOptions.timeout(null));
        assertEquals("timeout: expected a positive duration, got null", none.getMessage());
        IllegalArgumentException retries =
                assertThrows(IllegalArgumentException.class, () -> CheckOptions.NONE.withMaxRetries(-1));
        assertEquals("maxRetries: expected 0 or more, got -1", retries.getMessage());
    }

    @Test
    void builderArgumentsThatAreNotSettingsNameTheParameter() {
        SchematicBuilder builder = Schematic.builder();
        NullPointerException key = assertThrows(NullPointerException.class, () -> builder.property(null, "5s"));
        assertTrue(key.getMessage().startsWith("key: expected a schematic.* key"), key.getMessage());
        IllegalArgumentException flag =
                assertThrows(IllegalArgumentException.class, () -> builder.flagDefault(" ", true));
        assertEquals("flagKey: expected a flag key such as \"new-editor\", got \" \"", flag.getMessage());
        Map<String, Boolean> withNull = new HashMap<>();
        withNull.put("beta", null);
        NullPointerException value = assertThrows(NullPointerException.class, () -> builder.flagDefaults(withNull));
        assertEquals("defaults: the value of flag beta is null", value.getMessage());
        NullPointerException customizer = assertThrows(NullPointerException.class, () -> builder.customizer(null));
        assertTrue(customizer.getMessage().startsWith("customizer: "), customizer.getMessage());
    }

    @Test
    void aBadBuilderSettingFailsBuildWithTheKeyLikeAPropertiesFileWould() {
        SchematicConfigException e = assertThrows(
                SchematicConfigException.class,
                () -> Schematic.builder()
                        .offline(true)
                        .timeout(Duration.ofSeconds(-1))
                        .build());
        assertEquals("schematic.timeout", e.key());
        assertTrue(e.getMessage().startsWith("SCHEM"), e.getMessage());
        SchematicConfigException foreign = assertThrows(
                SchematicConfigException.class, () -> Schematic.builder().property("timeout", "5s"));
        assertEquals("timeout", foreign.key());
    }

    @Test
    void nullContextKeysAndMissingHeadersMeanAbsentNeverAnError() {
        String missingHeader = null;
        assertTrue(EvaluationContext.company("id", missingHeader).isEmpty());
        assertTrue(EvaluationContext.user(null, "x").isEmpty());
        assertTrue(EvaluationContext.of(null, null).isEmpty());
        Map<String, String> withNull = new HashMap<>();
        withNull.put("id", null);
        assertTrue(EvaluationContext.company("id", "acme")
                .withUser(withNull)
                .userKeys()
                .isEmpty());
    }

    @Test
    void checksAndEventsWithBadArgumentsStillNeverThrow() {
        try (Schematic schematic = Schematic.builder().offline(true).build()) {
            assertFalse(assertDoesNotThrow(() -> schematic.checkFlag("beta", (EvaluationContext) null)));
            assertDoesNotThrow(() -> schematic.track(null, EvaluationContext.empty()));
            assertDoesNotThrow(() -> schematic.identify(EvaluationContext.empty()));
            assertDoesNotThrow(() -> schematic.track("api-call", EvaluationContext.company("id", null), -5));
        }
    }
}
