package dev.schematic.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads the seed format of {@link FakeSchematic#seed(JsonObject)} into a fake. */
final class SeedReader {
    private SeedReader() {}

    static JsonObject read(Path file) {
        try {
            return JsonSupport.parseObject(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + file, e);
        }
    }

    static void apply(JsonObject seed, FakeSchematic fake, EntityTable entities) {
        if (seed.get("flags") instanceof JsonObject flagSeeds) {
            flagSeeds.forEach((key, spec) -> seedFlag(fake.flag(key), key, spec));
        }
        if (seed.get("companies") instanceof JsonArray list) {
            list.forEach(c -> entities.upsert("company", c.asJsonObject()));
        }
        if (seed.get("users") instanceof JsonArray list) {
            list.forEach(u -> entities.upsert("user", u.asJsonObject()));
        }
    }

    private static void seedFlag(FlagDefinition f, String key, JsonValue spec) {
        if (spec.getValueType() == JsonValue.ValueType.TRUE || spec.getValueType() == JsonValue.ValueType.FALSE) {
            f.defaultValue(spec == JsonValue.TRUE);
            return;
        }
        if (!(spec instanceof JsonObject o)) {
            throw new IllegalArgumentException("flag " + key + ": expected an object or a boolean");
        }
        f.defaultValue(JsonSupport.optBoolean(o, "default"));
        if (o.get("id") != null && o.get("id").getValueType() == JsonValue.ValueType.STRING) {
            f.id(o.getString("id"));
        }
        if (o.get("entitlement") instanceof JsonObject ent) {
            f.entitlement(ent);
        }
        seedRules(key, o.get("companies"), true, f);
        seedRules(key, o.get("users"), false, f);
    }

    private static void seedRules(String key, JsonValue rules, boolean company, FlagDefinition f) {
        if (rules == null || rules.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        if (!(rules instanceof JsonArray arr)) {
            throw new IllegalArgumentException(
                    "flag " + key + ": \"" + (company ? "companies" : "users") + "\" must be an array");
        }
        for (JsonValue v : arr) {
            JsonObject rule = v.asJsonObject();
            Map<String, String> keys = JsonSupport.stringMap(rule.get("keys"));
            boolean value = JsonSupport.optBoolean(rule, "value");
            String id = JsonSupport.optString(rule, "id");
            String name = JsonSupport.optString(rule, "name");
            if (company) {
                f.forCompany(keys, value, id, name);
            } else {
                f.forUser(keys, value, id, name);
            }
        }
    }
}
