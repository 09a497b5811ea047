package dev.schematic.openfeature;

import dev.openfeature.sdk.ProviderEvaluation;
import dev.schematic.FlagCheck;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenFeature evaluation (details and flag metadata) of the last reusable answer per flag key, handed out again
 * while Schematic returns the very same answer: a repeated local check returns the same {@link FlagCheck} instance
 * until something it depends on changes, and a fresh cached API answer is returned as it was cached. Other answers
 * (defaults, fresh API calls) are new each time and are converted each time. At most {@value #MAX_FLAGS} flag keys
 * are remembered; others are converted each time.
 *
 * <p>The evaluations handed out are shared: the OpenFeature SDK only reads them (into its own
 * {@code FlagEvaluationDetails}).
 */
final class EvaluationMemo {
    static final int MAX_FLAGS = 10_000;

    private record Entry(FlagCheck check, ProviderEvaluation<Boolean> evaluation) {}

    private final ConcurrentHashMap<String, Entry> last = new ConcurrentHashMap<>();
    /** The entry handed out last, compared first (no lookup); a plain field, entries being immutable. */
    private Entry recent;

    ProviderEvaluation<Boolean> of(FlagCheck check) {
        Entry r = recent;
        if (r != null && r.check() == check) {
            return r.evaluation();
        }
        FlagCheck.Source source = check.source();
        if ((source != FlagCheck.Source.LOCAL && source != FlagCheck.Source.CACHE) || check.flag() == null) {
            return Evaluations.of(check);
        }
        Entry e = last.get(check.flag());
        if (e == null || e.check() != check) {
            Entry made = new Entry(check, Evaluations.of(check));
            if (e != null || last.size() < MAX_FLAGS) {
                last.put(check.flag(), made);
            }
            e = made;
        }
        recent = e;
        return e.evaluation();
    }
}
