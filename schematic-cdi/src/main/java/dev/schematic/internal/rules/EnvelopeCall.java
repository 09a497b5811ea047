package dev.schematic.internal.rules;

import java.nio.charset.StandardCharsets;

/**
 * One call of the official interface ({@code checkFlagCombined} on one JSON envelope): joins the inputs into the
 * envelope {@code {"flag":…,"company":…,"user":…,"options":…}}, runs it on a pooled instance and reads the result.
 * A failure comes back as a bare result with {@code failure} and {@code error} set; it never throws.
 */
final class EnvelopeCall {
    private static final byte[] FLAG = "{\"flag\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMPANY = ",\"company\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USER = ",\"user\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPTIONS = ",\"options\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "}".getBytes(StandardCharsets.US_ASCII);

    private EnvelopeCall() {}

    /** Runs the envelope on {@code instance} (the caller holds it from the pool). */
    static RulesResult run(
            EngineInstance instance,
            RulesInput flag,
            RulesInput company,
            RulesInput user,
            RulesInput options,
            long now) {
        byte[][] parts = new byte[9][];
        int n = 0;
        parts[n++] = FLAG;
        parts[n++] = flag.bytes();
        if (company != null) {
            parts[n++] = COMPANY;
            parts[n++] = company.bytes();
        }
        if (user != null) {
            parts[n++] = USER;
            parts[n++] = user.bytes();
        }
        if (options != null) {
            parts[n++] = OPTIONS;
            parts[n++] = options.bytes();
        }
        parts[n++] = CLOSE;
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += parts[i].length;
        }
        byte[] out;
        try {
            out = instance.check(parts, n, total, now);
        } catch (EngineInstance.CallFailure f) {
            return FailureResults.bare(f.kind, f.getMessage());
        }
        return decode(out);
    }

    /** Parses the result JSON; malformed output becomes a {@link RulesFailure#MALFORMED_OUTPUT} result. */
    static RulesResult decode(byte[] out) {
        try {
            return ResultReader.read(out);
        } catch (ResultReader.MalformedOutput e) {
            String head = new String(out, 0, Math.min(out.length, 200), StandardCharsets.UTF_8);
            return FailureResults.bare(
                    RulesFailure.MALFORMED_OUTPUT, e.getMessage() + " (output starts: " + head + ")");
        }
    }
}
