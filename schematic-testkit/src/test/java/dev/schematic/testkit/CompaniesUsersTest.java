package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSchematicExtension.class)
class CompaniesUsersTest {

    private static final List<String> COMPANY_REQUIRED = List.of(
            "created_at",
            "environment_id",
            "id",
            "name",
            "updated_at",
            "add_ons",
            "billing_subscriptions",
            "custom_plan_billings",
            "entitlements",
            "entity_traits",
            "keys",
            "metrics",
            "payment_methods",
            "plans",
            "rules",
            "user_count");
    private static final List<String> USER_REQUIRED = List.of(
            "id", "environment_id", "name", "created_at", "updated_at", "keys", "entity_traits", "company_memberships");
    private static final List<String> KEY_REQUIRED = List.of(
            "id",
            "environment_id",
            "definition_id",
            "entity_type",
            "entity_id",
            "key",
            "value",
            "created_at",
            "updated_at");

    @Test
    void upsertCompanyThenGetAndLookup(FakeSchematic fake) {
        Http http = new Http(fake);
        Http.Reply created = http.post(
                "/companies",
                "{\"keys\":{\"id\":\"acme\"},\"name\":\"Acme\",\"traits\":{\"plan\":\"pro\",\"seats\":5}}");
        assertEquals(200, created.status(), created.body());
        assertTrue(created.json().containsKey("params"));
        JsonObject company = created.data();
        COMPANY_REQUIRED.forEach(f -> assertTrue(company.containsKey(f), f));
        String id = company.getString("id");
        assertTrue(id.startsWith("comp_"));
        assertEquals("Acme", company.getString("name"));
        Instant.parse(company.getString("created_at"));
        Instant.parse(company.getString("updated_at"));
        JsonObject key = company.getJsonArray("keys").getJsonObject(0);
        KEY_REQUIRED.forEach(f -> assertTrue(key.containsKey(f), f));
        assertEquals("id", key.getString("key"));
        assertEquals("acme", key.getString("value"));
        assertEquals("company", key.getString("entity_type"));
        assertEquals(id, key.getString("entity_id"));
        assertEquals("pro", company.getJsonObject("traits").getString("plan"));
        assertEquals(2, company.getJsonArray("entity_traits").size());

        // upsert by a known key updates the same company and merges keys and traits
        JsonObject updated = http.post(
                        "/companies", "{\"keys\":{\"id\":\"acme\",\"domain\":\"acme.test\"},\"traits\":{\"seats\":6}}")
                .data();
        assertEquals(id, updated.getString("id"));
        assertEquals("Acme", updated.getString("name"));
        assertEquals(2, updated.getJsonArray("keys").size());
        assertEquals(6, updated.getJsonObject("traits").getInt("seats"));
        assertEquals("pro", updated.getJsonObject("traits").getString("plan"));
        assertEquals(1, fake.companies().size());

        assertEquals(id, http.get("/companies/" + id).data().getString("id"));
        Http.Reply deep = http.get("/companies/lookup?keys%5Bdomain%5D=acme.test");
        assertEquals(200, deep.status(), deep.body());
        assertEquals(id, deep.data().getString("id"));
        assertEquals(
                "acme.test",
                deep.json().getJsonObject("params").getJsonObject("keys").getString("domain"));
        String json = URLEncoder.encode("{\"id\":\"acme\"}", StandardCharsets.UTF_8);
        assertEquals(id, http.get("/companies/lookup?keys=" + json).data().getString("id"));
        assertEquals(id, http.get("/companies/lookup?keys[id]=acme").data().getString("id"));
        assertEquals(404, http.get("/companies/lookup?keys[id]=nope").status());
        assertEquals(400, http.get("/companies/lookup").status());
        assertEquals(404, http.get("/companies/comp_missing").status());
    }

    @Test
    void deleteCompany(FakeSchematic fake) {
        Http http = new Http(fake);
        String id =
                http.post("/companies", "{\"keys\":{\"id\":\"acme\"}}").data().getString("id");
        Http.Reply deleted = http.delete("/companies/" + id);
        assertEquals(200, deleted.status());
        assertTrue(deleted.data().getBoolean("deleted"));
        assertEquals(404, http.get("/companies/" + id).status());
        assertEquals(404, http.delete("/companies/" + id).status());
        assertTrue(fake.companies().isEmpty());
    }

    @Test
    void upsertUserWithCompanyMembership(FakeSchematic fake) {
        Http http = new Http(fake);
        fake.company(Map.of("id", "acme"), "Acme", null);
        Http.Reply r = http.post(
                "/users",
                "{\"keys\":{\"email\":\"ann@acme.test\"},\"name\":\"Ann\",\"traits\":{\"role\":\"admin\"},"
                        + "\"company\":{\"id\":\"acme\"},\"companies\":[{\"id\":\"globex\"}]}");
        assertEquals(200, r.status(), r.body());
        JsonObject user = r.data();
        USER_REQUIRED.forEach(f -> assertTrue(user.containsKey(f), f));
        assertTrue(user.getString("id").startsWith("user_"));
        assertEquals("user", user.getJsonArray("keys").getJsonObject(0).getString("entity_type"));
        List<JsonObject> memberships = user.getJsonArray("company_memberships").getValuesAs(JsonObject.class);
        assertEquals(2, memberships.size());
        String acmeId = fake.findCompany(Map.of("id", "acme")).orElseThrow().getString("id");
        assertEquals(acmeId, memberships.get(0).getString("company_id"));
        assertEquals("Acme", memberships.get(0).getJsonObject("company").getString("name"));
        assertEquals(2, fake.companies().size(), "unknown company keys create the company");
        assertEquals(1, fake.findCompany(Map.of("id", "acme")).orElseThrow().getInt("user_count"));

        String userId = user.getString("id");
        assertEquals(userId, http.get("/users/" + userId).data().getString("id"));
        assertEquals(
                userId,
                http.get("/users/lookup?keys[email]=ann%40acme.test").data().getString("id"));
        assertEquals(1, fake.users().size());
        assertEquals(200, http.delete("/users/" + userId).status());
        assertTrue(fake.users().isEmpty());
    }

    @Test
    void seededEntitiesAreServed(FakeSchematic fake) {
        fake.company(Map.of("id", "acme"), "Acme", Map.of("tier", "gold"))
                .user(Map.of("id", "u1"), "Ann", Map.of("age", 30), Map.of("id", "acme"));
        Http http = new Http(fake);
        JsonObject c = http.get("/companies/lookup?keys[id]=acme").data();
        assertEquals("gold", c.getJsonObject("traits").getString("tier"));
        JsonObject u = http.get("/users/lookup?keys[id]=u1").data();
        assertEquals(30, u.getJsonObject("traits").getInt("age"));
        assertEquals(
                c.getString("id"),
                u.getJsonArray("company_memberships").getJsonObject(0).getString("company_id"));
        assertEquals(fake.companies().get(0), c);
    }

    @Test
    void listsNewestFirstWithLimitAndOffset(FakeSchematic fake) {
        fake.company(Map.of("id", "a"), "A", null)
                .company(Map.of("id", "b"), "B", null)
                .company(Map.of("id", "c"), "C", null);
        Http.Reply r = new Http(fake).get("/companies?limit=2&offset=0");
        assertEquals(200, r.status());
        List<JsonObject> data = r.json().getJsonArray("data").getValuesAs(JsonObject.class);
        assertEquals(
                List.of("C", "B"), data.stream().map(o -> o.getString("name")).toList());
        assertEquals(2, r.json().getJsonObject("params").getInt("limit"));
    }

    @Test
    void upsertErrors(FakeSchematic fake) {
        Http http = new Http(fake);
        assertEquals(400, http.post("/companies", "{}").status());
        assertEquals(
                404,
                http.post("/companies", "{\"id\":\"comp_nope\",\"keys\":{}}").status());
        assertEquals(
                404,
                http.post("/companies", "{\"keys\":{\"id\":\"x\"},\"update_only\":true}")
                        .status());
        assertEquals(
                404,
                http.post("/users", "{\"keys\":{\"id\":\"u\"},\"company_id\":\"comp_nope\"}")
                        .status());
        assertEquals(400, http.post("/users", "[1]").status());
        assertTrue(fake.users().isEmpty());
        assertTrue(
                fake.contractViolations().stream().anyMatch(v -> v.operation().equals("upsertUser")),
                "a body the spec rejects is recorded: " + fake.contractViolations());
        fake.reset(); // sending bad bodies was the point of this test
    }

    @Test
    void distinctCompaniesGetDistinctIds(FakeSchematic fake) {
        fake.company(Map.of("id", "a"), null, null).company(Map.of("id", "b"), null, null);
        List<JsonObject> all = fake.companies();
        assertNotEquals(all.get(0).getString("id"), all.get(1).getString("id"));
        assertEquals("", all.get(0).getString("name"));
        assertFalse(fake.findCompany(Map.of("id", "zzz")).isPresent());
    }
}
