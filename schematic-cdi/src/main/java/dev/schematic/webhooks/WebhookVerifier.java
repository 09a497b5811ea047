package dev.schematic.webhooks;

import dev.schematic.webhooks.WebhookSignatureException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Schematic webhook signatures: HMAC-SHA256, keyed with the UTF-8 bytes of the endpoint's secret, over the
 * raw body bytes, an ASCII {@code +} and the timestamp header exactly as received, sent as 64 hex characters.
 * Needs neither CDI nor JAX-RS, so it also serves queue consumers and batch jobs.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(System.getenv("SCHEMATIC_WEBHOOK_SECRET"));
 * verifier.verify(rawBody, request.headers().map()); // throws WebhookSignatureException
 * }</pre>
 *
 * <p>Several secrets may be given while rotating: a signature made with any of them is accepted. The official SDKs
 * have no replay window; {@link #withTolerance(Duration)} adds one. Instances are immutable and thread-safe, and
 * never reveal their secrets (not even in {@link #toString()}).
 */
public final class WebhookVerifier {
    /** The header carrying the signature, lowercase hex. */
    public static final String SIGNATURE_HEADER = "X-Schematic-Webhook-Signature";
    /** The header carrying the Unix time of sending, in seconds, as a decimal string. */
    public static final String TIMESTAMP_HEADER = "X-Schematic-Webhook-Timestamp";
    /** The header carrying the signature scheme ({@code v1}); documented by Schematic but not read by any SDK. */
    public static final String SIGNATURE_VERSION_HEADER = "X-Schematic-Webhook-Signature-Version";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_HEX_LENGTH = 64;

    private final List<SecretKeySpec> keys;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(List<SecretKeySpec> keys, Duration tolerance, Clock clock) {
        this.keys = keys;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier accepting signatures made with {@code secret} or any of {@code moreSecrets} (during rotation).
     *
     * @throws NullPointerException if {@code secret} is null (e.g. an unset environment variable)
     * @throws IllegalArgumentException if a secret is empty
     */
    public static WebhookVerifier of(String secret, String... moreSecrets) {
        List<String> all = new ArrayList<>();
        all.add(secret);
        all.addAll(Arrays.asList(Objects.requireNonNull(moreSecrets, "moreSecrets: expected secrets, got null")));
        return of(all);
    }

    /**
     * A verifier accepting signatures made with any of {@code secrets}.
     *
     * @throws NullPointerException if the list or a secret is null
     * @throws IllegalArgumentException if the list or a secret is empty
     */
    public static WebhookVerifier of(List<String> secrets) {
        Objects.requireNonNull(secrets, "secrets: expected a list of webhook secrets, got null");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException(
                    "secrets: expected at least one webhook secret (the signing secret of the webhook in Schematic)");
        }
        List<SecretKeySpec> keys = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            String secret = secrets.get(i);
            String name = secrets.size() == 1 ? "secret" : "secrets[" + i + "]";
            if (secret == null) {
                throw new NullPointerException(
                        name + ": expected the webhook's signing secret, got null (is its environment variable set?)");
            }
            if (secret.isEmpty()) {
                throw new IllegalArgumentException(name + ": expected the webhook's signing secret, got \"\"");
            }
            keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        }
        return new WebhookVerifier(List.copyOf(keys), null, Clock.systemUTC());
    }

    /**
     * A copy that also rejects timestamps more than {@code tolerance} before or after now; {@code null} or zero turns
     * the window off (the default, as in the official SDKs).
     */
    public WebhookVerifier withTolerance(Duration tolerance) {
        if (tolerance != null && tolerance.isNegative()) {
            throw new IllegalArgumentException(
                    "tolerance: expected zero or a positive duration (null or zero = no window), got " + tolerance);
        }
        return new WebhookVerifier(keys, tolerance == null || tolerance.isZero() ? null : tolerance, clock);
    }

    /** A copy that reads "now" from {@code clock} for the tolerance check. */
    public WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(keys, tolerance, Objects.requireNonNull(clock, "clock: expected a Clock, got null"));
    }

    /** The replay window, if one is set. */
    public Optional<Duration> tolerance() {
        return Optional.ofNullable(tolerance);
    }

    /**
     * Checks that {@code signature} was made over {@code body} and {@code timestamp} with one of the secrets, and (when
     * a tolerance is set) that the timestamp is recent.
     *
     * @param body the raw request body, exactly as received
     * @param signature the {@value #SIGNATURE_HEADER} header value (hex, either case)
     * @param timestamp the {@value #TIMESTAMP_HEADER} header value
     * @throws WebhookSignatureException saying which check failed
     */
    public void verify(byte[] body, String signature, String timestamp) {
        if (signature == null || signature.isEmpty()) {
            throw new WebhookSignatureException(Reason.MISSING_SIGNATURE, "Missing webhook signature");
        }
        if (timestamp == null || timestamp.isEmpty()) {
            throw new WebhookSignatureException(Reason.MISSING_TIMESTAMP, "Missing webhook timestamp");
        }
        byte[] presented = decodeSignature(signature.strip());
        byte[] message = message(body == null ? new byte[0] : body, timestamp);
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            // Constant-time comparison, and every secret is tried so timing does not reveal which one matched.
            matched |= MessageDigest.isEqual(presented, hmac(key, message));
        }
        if (!matched) {
            throw new WebhookSignatureException(Reason.INVALID_SIGNATURE, "Invalid signature");
        }
        if (tolerance != null) {
            checkTimestamp(timestamp);
        }
    }

    /** {@link #verify(byte[], String, String)} for a body held as a string, which is encoded as UTF-8. */
    public void verify(String body, String signature, String timestamp) {
        verify(body == null ? null : body.getBytes(StandardCharsets.UTF_8), signature, timestamp);
    }

    /**
     * {@link #verify(byte[], String, String)} with both headers looked up, ignoring case, in {@code headers} (e.g. a
     * JAX-RS {@code MultivaluedMap} or {@code java.net.http.HttpHeaders#map()}).
     */
    public void verify(byte[] body, Map<String, ? extends List<String>> headers) {
        verify(
                body,
                header(headers, SIGNATURE_HEADER).orElse(null),
                header(headers, TIMESTAMP_HEADER).orElse(null));
    }

    /**
     * Verifies {@code body} as {@link #verify(byte[], Map)} does, then parses it as {@link WebhookEvents#parse(byte[])}
     * does: the typed event, or one of the SDK's two exceptions, never a JSON parser's.
     *
     * @throws WebhookSignatureException if the signature does not verify (the body is then not parsed at all)
     * @throws WebhookPayloadException if the genuine body is not a webhook event (empty, not JSON, not an object,
     *     nested deeper than {@link WebhookEvents#MAX_DEPTH}, no {@code action}, or a body that does not fit)
     */
    public WebhookEvent<?> verifyEvent(byte[] body, Map<String, ? extends List<String>> headers) {
        verify(body, headers);
        return WebhookEvents.parse(body == null ? new byte[0] : body);
    }

    /** Whether {@link #verify(byte[], String, String)} would succeed. */
    public boolean isValid(byte[] body, String signature, String timestamp) {
        try {
            verify(body, signature, timestamp);
            return true;
        } catch (WebhookSignatureException e) {
            return false;
        }
    }

    /** Whether {@link #verify(byte[], Map)} would succeed. */
    public boolean isValid(byte[] body, Map<String, ? extends List<String>> headers) {
        try {
            verify(body, headers);
            return true;
        } catch (WebhookSignatureException e) {
            return false;
        }
    }

    /**
     * The first value of header {@code name} in {@code headers}, matching the name case-insensitively (HTTP header
     * names are; the official Java SDK's exact-case lookup is a known pitfall).
     */
    public static Optional<String> header(Map<String, ? extends List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        List<String> exact = headers.get(name);
        if (exact != null && !exact.isEmpty()) {
            return Optional.ofNullable(exact.get(0));
        }
        for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
            if (e.getKey() != null
                    && e.getKey().equalsIgnoreCase(name)
                    && e.getValue() != null
                    && !e.getValue().isEmpty()) {
                return Optional.ofNullable(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }

    /** The signature Schematic would send for {@code body} and {@code timestamp}: 64 lowercase hex characters. */
    public static String computeHexSignature(byte[] body, String timestamp, String secret) {
        return HexFormat.of().formatHex(computeSignature(body, timestamp, secret));
    }

    /** {@link #computeHexSignature(byte[], String, String)} for a string body, encoded as UTF-8. */
    public static String computeHexSignature(String body, String timestamp, String secret) {
        return computeHexSignature(body.getBytes(StandardCharsets.UTF_8), timestamp, secret);
    }

    /** The raw 32-byte HMAC-SHA256 of {@code body + "+" + timestamp} under {@code secret}. */
    public static byte[] computeSignature(byte[] body, String timestamp, String secret) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(secret, "secret");
        return hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM), message(body, timestamp));
    }

    @Override
    public String toString() {
        return "WebhookVerifier[secrets=" + keys.size() + ", tolerance=" + (tolerance == null ? "off" : tolerance)
                + "]";
    }

    private static byte[] decodeSignature(String hex) {
        if (hex.length() != SIGNATURE_HEX_LENGTH) {
            throw new WebhookSignatureException(Reason.INVALID_SIGNATURE_FORMAT, "Invalid signature format");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new WebhookSignatureException(Reason.INVALID_SIGNATURE_FORMAT, "Invalid signature format");
        }
    }

    private void checkTimestamp(String timestamp) {
        long ageMillis;
        try {
            ageMillis =
                    Math.subtractExact(clock.millis(), Math.multiplyExact(Long.parseLong(timestamp.strip()), 1000L));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new WebhookSignatureException(
                    Reason.INVALID_TIMESTAMP, "Invalid webhook timestamp: expected Unix seconds");
        }
        long toleranceMillis = tolerance.toMillis();
        if (ageMillis > toleranceMillis) {
            throw new WebhookSignatureException(
                    Reason.TIMESTAMP_TOO_OLD,
                    "Webhook timestamp too old: sent " + ageMillis / 1000 + "s ago, tolerance is "
                            + tolerance.toSeconds() + "s");
        }
        if (-ageMillis > toleranceMillis) {
            throw new WebhookSignatureException(
                    Reason.TIMESTAMP_IN_FUTURE,
                    "Webhook timestamp in the future: " + (-ageMillis) / 1000 + "s ahead, tolerance is "
                            + tolerance.toSeconds() + "s");
        }
    }

    private static byte[] message(byte[] body, String timestamp) {
        byte[] ts = timestamp.getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[body.length + 1 + ts.length];
        System.arraycopy(body, 0, message, 0, body.length);
        message[body.length] = '+';
        System.arraycopy(ts, 0, message, body.length + 1, ts.length);
        return message;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every Java platform; reaching this means a broken JRE.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
