package dev.schematic.internal.datastream;

import dev.schematic.FlagCheck;
import java.util.Map;
import java.util.function.Function;

/**
 * One check answered by local evaluation: the {@link FlagCheck} and the request it answers. While nothing it depends
 * on changes, a repeated check returns the very same instance (see {@link DataStreamClient#answer}).
 *
 * <pre>{@code
 * LocalAnswer a = dataStream.answer("new-ui", Map.of("id", "acme"), Map.of());
 * if (a != null) return a.check();
 * }</pre>
 */
public final class LocalAnswer {
    private final FlagCheck check;
    private final Map<String, String> company;
    private final Map<String, String> user;
    private volatile Object derived;

    LocalAnswer(FlagCheck check, Map<String, String> company, Map<String, String> user) {
        this.check = check;
        this.company = company;
        this.user = user;
    }

    /** The answer. */
    public FlagCheck check() {
        return check;
    }

    /** The company keys of the request (empty when none). */
    public Map<String, String> company() {
        return company;
    }

    /** The user keys of the request (empty when none). */
    public Map<String, String> user() {
        return user;
    }

    /**
     * A value derived from this answer alone, computed once with {@code derive} and kept as long as the answer is
     * reused (the SDK keeps the body of the {@code flag_check} event here). Racing callers may both compute it; each
     * gets an equal value.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Function<LocalAnswer, T> derive) {
        Object d = derived;
        if (d == null) {
            d = derive.apply(this);
            derived = d;
        }
        return (T) d;
    }
}
