package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.model.CompanyDetailResponseData;
import dev.schematic.api.model.EntityKeyDetailResponseData;
import dev.schematic.api.model.UpsertCompanyRequestBody;
import dev.schematic.api.model.UpsertUserRequestBody;
import dev.schematic.api.model.UserDetailResponseData;
import dev.schematic.testkit.FakeSchematic;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CompaniesAndUsersTest {

    private static Map<String, String> keysOf(java.util.List<EntityKeyDetailResponseData> keys) {
        return keys.stream()
                .collect(Collectors.toMap(EntityKeyDetailResponseData::key, EntityKeyDetailResponseData::value));
    }

    @Test
    void aCompanyUpsertedWithKeysAndTraitsCanBeReadBackByIdAndByKeys() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = Clients.against(fake).build()) {
            CompanyDetailResponseData created = s.companies()
                    .upsertCompany(UpsertCompanyRequestBody.builder()
                            .keys(Map.of("id", "acme", "domain", "acme.io"))
                            .name("Acme")
                            .traits(Map.of("plan", "pro", "seats", 12))
                            .build())
                    .data();
            assertNotNull(created.id());
            CompanyDetailResponseData read =
                    s.companies().getCompany(created.id()).data();
            assertEquals("Acme", read.name());
            assertEquals(Map.of("id", "acme", "domain", "acme.io"), keysOf(read.keys()));
            assertEquals("pro", read.traits().get("plan"));
            assertEquals(
                    created.id(),
                    s.companies()
                            .lookupCompany(Map.of("domain", "acme.io"))
                            .data()
                            .id());

            var body = fake.requests("POST", "/companies").get(0).bodyJson();
            assertEquals(12, body.getJsonObject("traits").getInt("seats"));
            assertTrue(!body.containsKey("id"), "unset fields are not sent: " + body);
        }
    }

    @Test
    void aUserUpsertedWithItsCompanyCanBeReadBack() {
        try (FakeSchematic fake = FakeSchematic.start();
                Schematic s = Clients.against(fake).build()) {
            s.companies()
                    .upsertCompany(UpsertCompanyRequestBody.builder()
                            .keys(Map.of("id", "acme"))
                            .name("Acme")
                            .build());
            UserDetailResponseData user = s.companies()
                    .upsertUser(UpsertUserRequestBody.builder()
                            .keys(Map.of("email", "ada@acme.io"))
                            .name("Ada")
                            .company(Map.of("id", "acme"))
                            .traits(Map.of("role", "admin"))
                            .build())
                    .data();
            UserDetailResponseData read = s.companies().getUser(user.id()).data();
            assertEquals("Ada", read.name());
            assertEquals("admin", read.traits().get("role"));
            assertEquals(
                    user.id(),
                    s.companies()
                            .lookupUser(Map.of("email", "ada@acme.io"))
                            .data()
                            .id());
            assertEquals(1, fake.users().size());
        }
    }
}
