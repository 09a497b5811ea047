package dev.schematic.internal.rules;

import java.util.Map;

/**
 * Preflight options of a check (rules-engine.md §7): evaluate as if {@code usage} more units, or
 * {@code eventUsage.quantity} more events of one subtype, or the given credit costs, were about to be consumed. All
 * members are optional ({@code null} = not supplied). Negative values are reported by the engine in
 * {@link RulesResult#error()}.
 */
public record PreflightOptions(Long usage, EventUsage eventUsage, Map<String, Double> creditCost) {

    /** Usage of one event subtype. */
    public record EventUsage(String eventSubtype, long quantity) {}

    public PreflightOptions {
        creditCost = creditCost == null ? null : Map.copyOf(creditCost);
    }

    /** Only {@code usage}. */
    public static PreflightOptions usage(long usage) {
        return new PreflightOptions(usage, null, null);
    }

    /** The snake_case {@code options} object of the engine envelope; absent members are omitted, never null. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(64).append('{');
        boolean first = true;
        if (usage != null) {
            sb.append("\"usage\":").append(usage.longValue());
            first = false;
        }
        if (eventUsage != null) {
            if (!first) {
                sb.append(',');
            }
            sb.append("\"event_usage\":{\"event_subtype\":");
            JsonText.quote(sb, eventUsage.eventSubtype() == null ? "" : eventUsage.eventSubtype());
            sb.append(",\"quantity\":").append(eventUsage.quantity()).append('}');
            first = false;
        }
        if (creditCost != null) {
            if (!first) {
                sb.append(',');
            }
            sb.append("\"credit_cost\":{");
            boolean firstCost = true;
            for (Map.Entry<String, Double> e : new java.util.TreeMap<>(creditCost).entrySet()) {
                if (e.getValue() == null) {
                    continue; // the engine rejects a null cost: omit it
                }
                if (!firstCost) {
                    sb.append(',');
                }
                JsonText.quote(sb, e.getKey());
                sb.append(':').append(JsonText.number(e.getValue()));
                firstCost = false;
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    RulesInput toInput() {
        return RulesInput.of(toJson());
    }
}
