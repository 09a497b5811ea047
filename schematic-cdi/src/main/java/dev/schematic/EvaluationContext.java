package dev.schematic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a flag check or an event is about: the company's keys and the user's keys. Immutable and thread-safe.
 *
 * <pre>{@code
 * EvaluationContext who = EvaluationContext.company("id", request.getHeader("X-Company-Id"))
 *         .withUser("email", request.getHeader("X-User-Email"));
 * boolean on = schematic.checkFlag("new-editor", who);
 * schematic.track("api-call", who, 1);
 * }</pre>
 *
 * <p><b>Null means absent, never an error:</b> a null key or a null value is left out (so a missing request header
 * gives an empty context instead of a {@link NullPointerException}), and an empty context asks about no company and
 * no user (Schematic answers with the flag's global rules and default). Keys are kept in the order given.
 */
public final class EvaluationContext {
    private static final EvaluationContext EMPTY = new EvaluationContext(Map.of(), Map.of());

    private final Map<String, String> company;
    private final Map<String, String> user;

    private EvaluationContext(Map<String, String> company, Map<String, String> user) {
        this.company = company;
        this.user = user;
    }

    /** No company and no user. */
    public static EvaluationContext empty() {
        return EMPTY;
    }

    /** A company identified by one key, e.g. {@code company("id", companyId)}; empty when key or value is null. */
    public static EvaluationContext company(String key, String value) {
        return EMPTY.withCompany(key, value);
    }

    /** A user identified by one key, e.g. {@code user("email", email)}; empty when key or value is null. */
    public static EvaluationContext user(String key, String value) {
        return EMPTY.withUser(key, value);
    }

    /**
     * From key maps (either may be null or empty; null keys and values are left out). Prefer {@link #company} and
     * {@link #withUser}, which cannot swap company and user.
     */
    public static EvaluationContext of(Map<String, String> company, Map<String, String> user) {
        Map<String, String> c = copy(company);
        Map<String, String> u = copy(user);
        return c.isEmpty() && u.isEmpty() ? EMPTY : new EvaluationContext(c, u);
    }

    /** This context with one more company key (replacing one of the same name); unchanged if key or value is null. */
    public EvaluationContext withCompany(String key, String value) {
        return key == null || value == null ? this : new EvaluationContext(plus(company, key, value), user);
    }

    /** This context with one more user key (replacing one of the same name); unchanged if key or value is null. */
    public EvaluationContext withUser(String key, String value) {
        return key == null || value == null ? this : new EvaluationContext(company, plus(user, key, value));
    }

    /** This context with all of these company keys added (null map, keys and values are left out). */
    public EvaluationContext withCompany(Map<String, String> keys) {
        return of(merge(company, keys), user);
    }

    /** This context with all of these user keys added (null map, keys and values are left out). */
    public EvaluationContext withUser(Map<String, String> keys) {
        return of(company, merge(user, keys));
    }

    /** The company's keys (unmodifiable, never null, possibly empty). */
    public Map<String, String> companyKeys() {
        return company;
    }

    /** The user's keys (unmodifiable, never null, possibly empty). */
    public Map<String, String> userKeys() {
        return user;
    }

    /** True when there is neither a company key nor a user key. */
    public boolean isEmpty() {
        return company.isEmpty() && user.isEmpty();
    }

    private static Map<String, String> copy(Map<String, ?> keys) {
        if (keys == null || keys.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        // a Map.of(...) refuses containsKey(null), so walk the entries instead of asking
        keys.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v.toString());
            }
        });
        return out.isEmpty() ? Map.of() : Collections.unmodifiableMap(out);
    }

    private static Map<String, String> plus(Map<String, String> keys, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(keys);
        out.put(key, value);
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, String> merge(Map<String, String> keys, Map<String, String> more) {
        Map<String, String> out = new LinkedHashMap<>(keys);
        if (more != null) {
            more.forEach((k, v) -> {
                if (k != null && v != null) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationContext other && company.equals(other.company) && user.equals(other.user);
    }

    @Override
    public int hashCode() {
        return Objects.hash(company, user);
    }

    @Override
    public String toString() {
        return "EvaluationContext[company=" + company + ", user=" + user + "]";
    }
}
