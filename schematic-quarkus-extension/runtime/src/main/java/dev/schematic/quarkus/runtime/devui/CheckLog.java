package dev.schematic.quarkus.runtime.devui;

import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.internal.telemetry.CheckObserver;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last flag checks the application made, newest first, for the Dev UI card: a bounded ring buffer (the oldest
 * entry goes when it is full). In dev mode only it observes the application's client (its telemetry's check observers,
 * which see every check: {@code Schematic}'s and {@code AsyncSchematic}'s, single and batch); never in production.
 */
public final class CheckLog implements CheckObserver {
    /** How many checks the card shows. */
    public static final int CAPACITY = 50;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private final int capacity;
    private long total;

    public CheckLog() {
        this(CAPACITY);
    }

    CheckLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** One recorded check: when, for whom, and the answer with its reason and source. */
    public record Entry(
            Instant at,
            String flag,
            boolean value,
            String source,
            String reason,
            String error,
            Map<String, String> company,
            Map<String, String> user) {}

    @Override
    public void checked(FlagCheck check, EvaluationContext context, long nanos) {
        record(check, context);
    }

    /** Records one answer. */
    public void record(FlagCheck check, EvaluationContext context) {
        if (check == null) {
            return;
        }
        Entry entry = new Entry(
                Instant.now(),
                check.flag(),
                check.value(),
                check.source() == null ? null : check.source().name(),
                check.reason(),
                check.error(),
                context == null ? Map.of() : context.companyKeys(),
                context == null ? Map.of() : context.userKeys());
        synchronized (entries) {
            if (entries.size() == capacity) {
                entries.removeLast();
            }
            entries.addFirst(entry);
            total++;
        }
    }

    /** The recorded checks, newest first (at most the capacity). */
    public List<Entry> recent() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }

    /** Every check recorded since start, including those no longer kept. */
    public long total() {
        synchronized (entries) {
            return total;
        }
    }

    /** Forgets the recorded checks (the total stays). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
