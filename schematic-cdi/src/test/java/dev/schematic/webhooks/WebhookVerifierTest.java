package dev.schematic.webhooks;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.webhooks.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures against the reference vectors (api.md section d) and the ways a delivery can be wrong. */
class WebhookVerifierTest {
    static final String BODY_1 = "{\"event\":\"test_event\"}";
    static final String SIG_1 = "b5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d9";
    static final String BODY_2 =
            "{\"action\":\"company.created\",\"account_id\":\"acct_123\",\"environment_id\":\"env_456\","
                    + "\"object_type\":\"company\",\"body\":{\"id\":\"comp_789\",\"name\":\"Caf\u00e9 \u2615 GmbH\"}}";
    static final String SIG_2 = "b4406d5858e66cbb7f1c4b294954a4d39d67f299903608223a3becf6341d7bf9";
    static final String SIG_3 = "85b055b2f36397e5ca0a831249c09d2bc1cd3fb27e9364ddc2ecd004eb823464";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "vector {index}: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "test_secret|1234567890|1|b5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d9",
                "whsec_7f3a9c2e4b1d|1724342400|2|b4406d5858e66cbb7f1c4b294954a4d39d67f299903608223a3becf6341d7bf9",
                "s3cr3t|1700000000|3|85b055b2f36397e5ca0a831249c09d2bc1cd3fb27e9364ddc2ecd004eb823464"
            })
    void theReferenceVectorsComputeAndVerify(String secret, String timestamp, int vector, String expected) {
        byte[] body = body(vector);
        assertEquals(expected, WebhookVerifier.computeHexSignature(body, timestamp, secret));
        assertEquals(32, WebhookVerifier.computeSignature(body, timestamp, secret).length);
        assertDoesNotThrow(() -> WebhookVerifier.of(secret).verify(body, expected, timestamp));
        assertTrue(WebhookVerifier.of(secret).isValid(body, expected, timestamp));
    }

    @Test
    void theVectorBodiesHaveTheDocumentedByteLengths() {
        assertEquals(22, body(1).length);
        assertEquals(152, body(2).length);
        assertEquals(0, body(3).length);
    }

    @ParameterizedTest(name = "vector {index} signed timestamp-first fails")
    @CsvSource(
            delimiter = '|',
            value = {
                "test_secret|1234567890|1|4de9af48b0f833e38b5ece3a82f117981335237a547d601a1f088228cf238610",
                "whsec_7f3a9c2e4b1d|1724342400|2|c87da5f1f731cbef994f2cd636f1c1f862b983b214b99933ad2c2f6b203dff36",
                "s3cr3t|1700000000|3|5ab1c889304539e075c868cc9645d747fb86e3f9c8e5a4d2d61705ee56b6e76c"
            })
    void aSignatureOverTimestampThenBodyIsRejected(String secret, String timestamp, int vector, String wrongOrder) {
        WebhookSignatureException e = assertThrows(
                WebhookSignatureException.class,
                () -> WebhookVerifier.of(secret).verify(body(vector), wrongOrder, timestamp));
        assertEquals("Invalid signature", e.getMessage());
        assertEquals(Reason.INVALID_SIGNATURE, e.reason());
    }

    @Test
    void theTimestampFirstNegativeVectorsAreWhatTheWrongOrderProduces() {
        // Sanity check of the negative vector itself: it is the HMAC of timestamp + "+" + body.
        assertEquals(
                "4de9af48b0f833e38b5ece3a82f117981335237a547d601a1f088228cf238610",
                hmacHex(utf8("1234567890+" + BODY_1)));
    }

    @Test
    void aTamperedBodyIsRejected() {
        byte[] tampered = utf8(BODY_1.replace("test_event", "test_evenT"));
        assertInvalid(() -> WebhookVerifier.of("test_secret").verify(tampered, SIG_1, "1234567890"));
    }

    @Test
    void aBodyWithAnExtraTrailingNewlineIsRejected() {
        assertInvalid(() -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1 + "\n"), SIG_1, "1234567890"));
    }

    @Test
    void aTamperedTimestampIsRejected() {
        assertInvalid(() -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1), SIG_1, "1234567891"));
    }

    @Test
    void theTimestampIsUsedExactlyAsReceivedWithoutParsing() {
        // "01234567890" is the same number but not the same bytes: it must not verify.
        assertInvalid(() -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1), SIG_1, "01234567890"));
    }

    @Test
    void aWrongSecretIsRejected() {
        assertInvalid(() -> WebhookVerifier.of("test_secret2").verify(utf8(BODY_1), SIG_1, "1234567890"));
    }

    @Test
    void theSecretIsUsedAsIsWithoutStrippingAWhsecPrefix() {
        assertInvalid(() -> WebhookVerifier.of("7f3a9c2e4b1d").verify(utf8(BODY_2), SIG_2, "1724342400"));
    }

    @Test
    void anEmptyBodyVerifiesAndANullBodyCountsAsEmpty() {
        WebhookVerifier verifier = WebhookVerifier.of("s3cr3t");
        assertTrue(verifier.isValid(new byte[0], SIG_3, "1700000000"));
        assertTrue(verifier.isValid((byte[]) null, SIG_3, "1700000000"));
        assertFalse(verifier.isValid(utf8(" "), SIG_3, "1700000000"));
    }

    @Test
    void aUnicodeBodyIsSignedOverItsUtf8Bytes() {
        WebhookVerifier verifier = WebhookVerifier.of("whsec_7f3a9c2e4b1d");
        assertDoesNotThrow(() -> verifier.verify(BODY_2, SIG_2, "1724342400"));
        // The same text in another encoding is other bytes.
        byte[] latin1 = BODY_2.replace("\u2615", "").getBytes(StandardCharsets.ISO_8859_1);
        assertInvalid(() -> verifier.verify(latin1, SIG_2, "1724342400"));
        // NFD (e + combining acute) looks the same but is not the signed text.
        assertInvalid(() -> verifier.verify(BODY_2.replace("\u00e9", "e\u0301"), SIG_2, "1724342400"));
    }

    @Test
    void anyOfSeveralSecretsVerifiesDuringRotation() {
        WebhookVerifier rotating = WebhookVerifier.of("whsec_new", "test_secret");
        assertTrue(rotating.isValid(utf8(BODY_1), SIG_1, "1234567890"));
        WebhookVerifier reversed = WebhookVerifier.of(List.of("test_secret", "whsec_new"));
        assertTrue(reversed.isValid(utf8(BODY_1), SIG_1, "1234567890"));
        String signedWithNew = WebhookVerifier.computeHexSignature(utf8(BODY_1), "1234567890", "whsec_new");
        assertTrue(rotating.isValid(utf8(BODY_1), signedWithNew, "1234567890"));
        assertFalse(WebhookVerifier.of("test_secret").isValid(utf8(BODY_1), signedWithNew, "1234567890"));
    }

    @Test
    void uppercaseHexVerifiesBecauseTheHeaderIsDecodedNotCompared() {
        assertDoesNotThrow(() ->
                WebhookVerifier.of("test_secret").verify(utf8(BODY_1), SIG_1.toUpperCase(Locale.ROOT), "1234567890"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "zz5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d9", // 66 chars
                "g5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d9", // non-hex, right length
                "b5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d", // odd length
                "b5e7cfc4", // too short
                "sha256=b5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99d9",
                "v1,b5e7cfc4122bcb15a0a2f7dbce642ffa0196603aef8b2c7fcb6b1f63a1fe99"
            })
    void aSignatureThatIsNot64HexCharactersHasAnInvalidFormat(String signature) {
        WebhookSignatureException e = assertThrows(
                WebhookSignatureException.class,
                () -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1), signature, "1234567890"));
        assertEquals("Invalid signature format", e.getMessage());
        assertEquals(Reason.INVALID_SIGNATURE_FORMAT, e.reason());
    }

    @Test
    void missingHeadersAreReportedSignatureFirst() {
        WebhookVerifier verifier = WebhookVerifier.of("test_secret");
        WebhookSignatureException noSignature =
                assertThrows(WebhookSignatureException.class, () -> verifier.verify(utf8(BODY_1), "", ""));
        assertEquals("Missing webhook signature", noSignature.getMessage());
        assertEquals(Reason.MISSING_SIGNATURE, noSignature.reason());
        assertTrue(noSignature.reason().isMissingHeader());
        assertThrows(WebhookSignatureException.class, () -> verifier.verify(utf8(BODY_1), null, "1234567890"));

        WebhookSignatureException noTimestamp =
                assertThrows(WebhookSignatureException.class, () -> verifier.verify(utf8(BODY_1), SIG_1, null));
        assertEquals("Missing webhook timestamp", noTimestamp.getMessage());
        assertEquals(Reason.MISSING_TIMESTAMP, noTimestamp.reason());
        assertEquals(
                Reason.MISSING_TIMESTAMP,
                assertThrows(WebhookSignatureException.class, () -> verifier.verify(utf8(BODY_1), SIG_1, ""))
                        .reason());
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        Map<String, List<String>> headers = Map.of(
                "x-schematic-webhook-signature", List.of(SIG_1),
                "X-SCHEMATIC-WEBHOOK-TIMESTAMP", List.of("1234567890"));
        assertDoesNotThrow(() -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1), headers));
        assertEquals(
                "1234567890",
                WebhookVerifier.header(headers, WebhookVerifier.TIMESTAMP_HEADER)
                        .orElseThrow());
        assertTrue(WebhookVerifier.header(headers, "Content-Type").isEmpty());
        assertTrue(WebhookVerifier.header(null, "Content-Type").isEmpty());
    }

    @Test
    void missingHeadersInAMapAreReportedAsMissing() {
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("X-Schematic-Webhook-Signature", List.of());
        headers.put("X-Schematic-Webhook-Timestamp", List.of("1234567890"));
        WebhookSignatureException e = assertThrows(
                WebhookSignatureException.class,
                () -> WebhookVerifier.of("test_secret").verify(utf8(BODY_1), headers));
        assertEquals("Missing webhook signature", e.getMessage());
        assertFalse(WebhookVerifier.of("test_secret").isValid(utf8(BODY_1), Map.of()));
    }

    @Test
    void emptySecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.of(""));
        assertThrows(IllegalArgumentException.class, () -> WebhookVerifier.of(List.of()));
        // a null secret is a NullPointerException naming it (JDK convention; see SchematicException)
        NullPointerException e =
                assertThrows(NullPointerException.class, () -> WebhookVerifier.of("ok", (String) null));
        assertTrue(e.getMessage().startsWith("secrets[1]: expected the webhook's signing secret"), e.getMessage());
    }

    @Test
    void neitherToStringNorErrorMessagesRevealTheSecretOrSignature() {
        WebhookVerifier verifier = WebhookVerifier.of("test_secret", "whsec_other");
        assertFalse(verifier.toString().contains("test_secret"));
        assertFalse(verifier.toString().contains("whsec_other"));
        WebhookSignatureException e =
                assertThrows(WebhookSignatureException.class, () -> verifier.verify(utf8(BODY_1), SIG_1, "1234567891"));
        assertFalse(e.getMessage().contains(SIG_1));
        assertFalse(e.getMessage().contains("secret"));
    }

    static byte[] body(int vector) {
        return switch (vector) {
            case 1 -> utf8(BODY_1);
            case 2 -> utf8(BODY_2);
            default -> new byte[0];
        };
    }

    private static String hmacHex(byte[] message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(utf8("test_secret"), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(message));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable call) {
        WebhookSignatureException e = assertThrows(WebhookSignatureException.class, call);
        assertEquals("Invalid signature", e.getMessage());
    }

    static Map<String, List<String>> headers(byte[] body, String secret) {
        String ts = "1700000000";
        return Map.of(
                "x-schematic-webhook-signature",
                List.of(WebhookVerifier.computeHexSignature(body, ts, secret)),
                "x-schematic-webhook-timestamp",
                List.of(ts));
    }

    @Test
    void verifyEventReturnsTheTypedEventOfAGenuineBody() {
        byte[] body = utf8(BODY_2);
        WebhookEvent<?> event =
                WebhookVerifier.of("whsec_7f3a9c2e4b1d").verifyEvent(body, headers(body, "whsec_7f3a9c2e4b1d"));
        assertEquals("company.created", event.action());
        assertEquals(
                "Caf\u00e9 \u2615 GmbH",
                event.bodyAs(dev.schematic.api.model.CompanyDetailResponseData.class)
                        .orElseThrow()
                        .name());
    }

    @Test
    void verifyEventThrowsOnlyTheSdksExceptionsForGenuineButUnusableBodies() {
        WebhookVerifier verifier = WebhookVerifier.of("s3cr3t");
        Map<String, WebhookPayloadException.Reason> bodies = Map.of(
                "",
                WebhookPayloadException.Reason.EMPTY,
                "<xml/>",
                WebhookPayloadException.Reason.NOT_JSON,
                "[]",
                WebhookPayloadException.Reason.NOT_AN_OBJECT,
                "{\"event\":\"test_event\"}",
                WebhookPayloadException.Reason.NOT_AN_ENVELOPE,
                "{\"action\":\"x\",\"body\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                WebhookPayloadException.Reason.TOO_DEEP,
                "{\"action\":\"user.created\",\"body\":\"ada\"}",
                WebhookPayloadException.Reason.BODY_MISMATCH);
        bodies.forEach((text, reason) -> {
            byte[] body = utf8(text);
            WebhookPayloadException e = assertThrows(
                    WebhookPayloadException.class, () -> verifier.verifyEvent(body, headers(body, "s3cr3t")));
            assertEquals(reason, e.reason(), text);
        });
    }

    @Test
    void verifyEventChecksTheSignatureBeforeLookingAtTheBody() {
        byte[] body = utf8("[".repeat(5000));
        WebhookSignatureException e = assertThrows(
                WebhookSignatureException.class,
                () -> WebhookVerifier.of("s3cr3t").verifyEvent(body, headers(body, "whsec_other")));
        assertEquals(WebhookSignatureException.Reason.INVALID_SIGNATURE, e.reason());
    }
}
