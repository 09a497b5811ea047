package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake judges requests and its own responses by the OpenAPI document. */
class ContractCheckTest {

    @Test
    void validExchangesRecordNothing() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            Http http = new Http(fake);
            fake.flag("f").forCompany(java.util.Map.of("id", "acme"), true);
            fake.company(java.util.Map.of("id", "acme"), "Acme", java.util.Map.of("plan", "pro"));
            assertEquals(
                    200,
                    http.post("/flags/f/check", "{\"company\":{\"id\":\"acme\"}}")
                            .status());
            assertEquals(
                    201, http.post("/flags/check", "{\"user\":{\"id\":\"u\"}}").status());
            assertEquals(
                    201,
                    http.post("/flags/check-bulk", "{\"contexts\":[{},{}]}").status());
            assertEquals(
                    200, http.post("/companies", "{\"keys\":{\"id\":\"b\"}}").status());
            assertEquals(200, http.get("/companies?limit=10").status());
            assertEquals(200, http.get("/companies/lookup?keys[id]=acme").status());
            assertEquals(
                    200,
                    http.post("/users", "{\"keys\":{\"id\":\"u\"},\"company\":{\"id\":\"acme\"}}")
                            .status());
            assertEquals(404, http.post("/flags/nope/check", "{}").status());
            assertEquals(200, http.post("/batch", Http.events(3, "identify")).status());
            assertEquals(List.of(), fake.contractViolations());
            fake.assertNoContractViolations();
        }
    }

    @Test
    void aRequestTheSpecRejectsIsRecorded() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            new Http(fake).post("/flags/check-bulk", "{\"contexts\":\"all\"}");
            ContractViolation v = fake.contractViolations().get(0);
            assertEquals("request", v.direction());
            assertEquals("checkFlagsBulk", v.operation());
            assertTrue(v.messages().get(0).contains("contexts"), v.toString());
            AssertionErrorCheck.expect(fake::assertNoContractViolations, "checkFlagsBulk");
        }
    }

    @Test
    void aResponseTheSpecRejectsIsRecorded() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            // FeatureEntitlement requires feature_id, feature_key and value_type: this one lacks them
            fake.flag("f").entitlement("{\"allocation\":5}");
            assertEquals(200, new Http(fake).post("/flags/f/check", "{}").status());
            ContractViolation v = fake.contractViolations().get(0);
            assertEquals("response", v.direction());
            assertEquals("checkFlag", v.operation());
            assertEquals(200, v.status());
            assertTrue(v.toString().contains("entitlement"), v.toString());
        }
    }

    @Test
    void aCaptureEventBodyTheSpecRejectsIsRecorded() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            // EventBodyIdentify requires keys
            String body = "{\"events\":[{\"api_key\":\"k\",\"type\":\"identify\",\"body\":{\"name\":\"n\"}}]}";
            assertEquals(200, new Http(fake).post("/batch", body).status());
            ContractViolation v = fake.contractViolations().get(0);
            assertEquals("capture", v.operation());
            assertTrue(v.messages().get(0).startsWith("events[0].body (EventBodyIdentify)"), v.toString());
        }
    }

    @Test
    void programmedAnswersAreNotJudgedAndTheCheckCanBeTurnedOff() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.respond("POST", "/flags/{key}/check", 200, "{\"data\":{}}");
            fake.failNext("/companies", 1, 503);
            new Http(fake).post("/flags/x/check", "{}");
            new Http(fake).get("/companies");
            assertEquals(List.of(), fake.contractViolations());
            fake.contractCheck(false);
            new Http(fake).post("/flags/check-bulk", "{\"contexts\":\"all\"}");
            assertEquals(List.of(), fake.contractViolations());
            assertTrue(!fake.contractCheckEnabled());
        }
    }
}
