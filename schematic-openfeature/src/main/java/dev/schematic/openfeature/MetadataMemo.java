package dev.schematic.openfeature;

import dev.openfeature.sdk.ImmutableMetadata;
import dev.schematic.FlagCheck;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The flag metadata of the last locally evaluated answer per flag key, reused while Schematic returns the very same
 * answer (a repeated local check returns the same {@link FlagCheck} instance until something it depends on changes).
 * At most {@value #MAX_FLAGS} flag keys are remembered; others are built each time.
 */
final class MetadataMemo {
    static final int MAX_FLAGS = 10_000;

    private record Entry(FlagCheck check, ImmutableMetadata metadata) {}

    private final ConcurrentHashMap<String, Entry> last = new ConcurrentHashMap<>();

    ImmutableMetadata of(FlagCheck check) {
        if (check.source() != FlagCheck.Source.LOCAL || check.flag() == null) {
            return Evaluations.metadata(check);
        }
        Entry e = last.get(check.flag());
        if (e != null && e.check() == check) {
            return e.metadata();
        }
        ImmutableMetadata m = Evaluations.metadata(check);
        if (e != null || last.size() < MAX_FLAGS) {
            last.put(check.flag(), new Entry(check, m));
        }
        return m;
    }
}
