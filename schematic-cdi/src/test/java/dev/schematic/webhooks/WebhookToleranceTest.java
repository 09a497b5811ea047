package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The optional replay window: off by default, inclusive at its edges, symmetric for clock skew. */
class WebhookToleranceTest {
    static final String SECRET = "whsec_window";
    static final byte[] BODY = "{\"action\":\"test.send\"}".getBytes(StandardCharsets.UTF_8);
    static final long NOW = 1_724_342_400L;
    static final WebhookVerifier FIVE_MINUTES = WebhookVerifier.of(SECRET)
            .withTolerance(Duration.ofMinutes(5))
            .withClock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    static void verifySentAt(WebhookVerifier verifier, String timestamp) {
        verifier.verify(BODY, WebhookVerifier.computeHexSignature(BODY, timestamp, SECRET), timestamp);
    }

    static WebhookSignatureException rejectedAt(WebhookVerifier verifier, long sentAt) {
        return assertThrows(WebhookSignatureException.class, () -> verifySentAt(verifier, Long.toString(sentAt)));
    }

    @Test
    void withoutAToleranceAnyTimestampIsAcceptedLikeTheOfficialSdks() {
        WebhookVerifier verifier = WebhookVerifier.of(SECRET);
        assertTrue(verifier.tolerance().isEmpty());
        assertDoesNotThrow(() -> verifySentAt(verifier, "1"));
        assertDoesNotThrow(() -> verifySentAt(verifier, "not-a-number"));
        assertTrue(WebhookVerifier.of(SECRET)
                .withTolerance(Duration.ZERO)
                .tolerance()
                .isEmpty());
    }

    @Test
    void aTimestampExactlyAtTheWindowIsAccepted() {
        assertDoesNotThrow(() -> verifySentAt(FIVE_MINUTES, Long.toString(NOW - 300)));
        assertDoesNotThrow(() -> verifySentAt(FIVE_MINUTES, Long.toString(NOW)));
    }

    @Test
    void aTimestampOneSecondPastTheWindowIsRejectedAsTooOld() {
        WebhookSignatureException e = rejectedAt(FIVE_MINUTES, NOW - 301);
        assertEquals(Reason.TIMESTAMP_TOO_OLD, e.reason());
        assertEquals("Webhook timestamp too old: sent 301s ago, tolerance is 300s", e.getMessage());
    }

    @Test
    void futureSkewUpToTheWindowIsAcceptedAndBeyondItRejected() {
        assertDoesNotThrow(() -> verifySentAt(FIVE_MINUTES, Long.toString(NOW + 300)));
        WebhookSignatureException e = rejectedAt(FIVE_MINUTES, NOW + 301);
        assertEquals(Reason.TIMESTAMP_IN_FUTURE, e.reason());
        assertEquals("Webhook timestamp in the future: 301s ahead, tolerance is 300s", e.getMessage());
    }

    @Test
    void aNonNumericTimestampIsRejectedOnlyWhenAWindowIsSet() {
        WebhookSignatureException e =
                assertThrows(WebhookSignatureException.class, () -> verifySentAt(FIVE_MINUTES, "2024-08-22T16:00:00Z"));
        assertEquals(Reason.INVALID_TIMESTAMP, e.reason());
        assertEquals(
                Reason.INVALID_TIMESTAMP,
                rejectedAt(FIVE_MINUTES, Long.MAX_VALUE).reason());
    }

    @Test
    void theSignatureIsCheckedBeforeTheWindowSoForgedOldRequestsReadInvalid() {
        String old = Long.toString(NOW - 3600);
        WebhookSignatureException e = assertThrows(
                WebhookSignatureException.class,
                () -> FIVE_MINUTES.verify(BODY, WebhookVerifier.computeHexSignature(BODY, old, "other"), old));
        assertEquals(Reason.INVALID_SIGNATURE, e.reason());
    }

    @Test
    void aNegativeToleranceIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> WebhookVerifier.of(SECRET).withTolerance(Duration.ofSeconds(-1)));
    }
}
