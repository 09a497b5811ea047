package dev.schematic.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The flag-check operations ({@code checkFlag}, {@code checkFlags}, {@code checkFlagsBulk}), answered from the flags
 * defined in the fake. Results carry every member of {@code CheckFlagResponseData} the real API sends, with {@code null}
 * where it sends null (rules-engine.md §2.3): {@code rule_id}/{@code rule_type} when no rule matched, the deprecated
 * {@code feature_*} members because no fake rule has a metric, {@code company_id}/{@code user_id} when not matched.
 */
final class FlagEndpoint {
    private final ConcurrentHashMap<String, FlagDefinition> flags = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final EntityTable entities;
    private final FakeSchematic owner;

    FlagEndpoint(FakeSchematic owner, EntityTable entities) {
        this.owner = owner;
        this.entities = entities;
    }

    void clear() {
        flags.clear();
    }

    FlagDefinition flag(String key) {
        Objects.requireNonNull(key, "key");
        return flags.computeIfAbsent(key, k -> new FlagDefinition(owner, k, order.incrementAndGet()));
    }

    void remove(String key) {
        flags.remove(key);
    }

    List<FlagDefinition> sorted() {
        List<FlagDefinition> list = new ArrayList<>(flags.values());
        list.sort(Comparator.comparingLong(f -> f.order));
        return list;
    }

    /** Routes {@code POST /flags/...}; null when the path is not a flag operation. */
    Response route(String method, String[] seg, RecordedRequest request) {
        if (!method.equals("POST")) {
            return null;
        }
        if (seg.length == 2 && seg[1].equals("check")) {
            return Response.envelope(201, checkAllData(context(Bodies.object(request))), JsonValue.EMPTY_JSON_OBJECT);
        }
        if (seg.length == 2 && seg[1].equals("check-bulk")) {
            return checkBulk(Bodies.object(request));
        }
        if (seg.length == 3 && seg[2].equals("check")) {
            FlagDefinition flag = flags.get(seg[1]);
            if (flag == null) {
                return Response.error(404, "flag not found");
            }
            JsonObject ctx = Bodies.object(request);
            return Response.envelope(200, evaluate(flag, context(ctx)), JsonValue.EMPTY_JSON_OBJECT);
        }
        return null;
    }

    private Response checkBulk(JsonObject body) {
        if (!(body.get("contexts") instanceof JsonArray contexts)) {
            return Response.error(400, "\"contexts\" must be an array");
        }
        JsonArrayBuilder data = JsonSupport.array();
        for (JsonValue c : contexts) {
            data.add(checkAllData(context(c instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT)));
        }
        return Response.envelope(201, JsonSupport.object().add("data", data).build(), JsonValue.EMPTY_JSON_OBJECT);
    }

    private JsonObject checkAllData(Context ctx) {
        JsonArrayBuilder results = JsonSupport.array();
        for (FlagDefinition f : sorted()) {
            results.add(evaluate(f, ctx));
        }
        return JsonSupport.object().add("flags", results).build();
    }

    private record Context(Map<String, String> company, Map<String, String> user, String companyId, String userId) {}

    private Context context(JsonObject body) {
        Map<String, String> company = JsonSupport.stringMap(body.get("company"));
        Map<String, String> user = JsonSupport.stringMap(body.get("user"));
        return new Context(
                company,
                user,
                company.isEmpty() ? null : entities.idForKeys("company", company),
                user.isEmpty() ? null : entities.idForKeys("user", user));
    }

    private static JsonObject evaluate(FlagDefinition flag, Context ctx) {
        FlagDefinition.Rule rule = flag.resolve(ctx.company(), ctx.user());
        JsonObjectBuilder b = JsonSupport.object().add("flag", flag.key());
        if (rule == null) {
            b.add("value", flag.defaultValue())
                    .add("reason", FlagDefinition.DEFAULT_REASON)
                    .add("rule_id", JsonValue.NULL)
                    .add("rule_type", JsonValue.NULL);
        } else {
            b.add("value", rule.value())
                    .add("reason", "Matched company override rule \"" + rule.name() + "\" (" + rule.id() + ")")
                    .add("rule_id", rule.id())
                    .add("rule_type", "company_override");
        }
        b.add("flag_id", flag.id())
                .add("company_id", JsonSupport.string(ctx.companyId()))
                .add("user_id", JsonSupport.string(ctx.userId()))
                .add("error", JsonValue.NULL)
                // deprecated usage members: set only by a matched entitlement rule with a metric, which the fake has
                // not
                .add("feature_allocation", JsonValue.NULL)
                .add("feature_usage", JsonValue.NULL)
                .add("feature_usage_event", JsonValue.NULL)
                .add("feature_usage_period", JsonValue.NULL)
                .add("feature_usage_reset_at", JsonValue.NULL);
        JsonObject entitlement = flag.entitlement();
        if (entitlement != null) {
            b.add("entitlement", entitlement);
        }
        return b.build();
    }
}
