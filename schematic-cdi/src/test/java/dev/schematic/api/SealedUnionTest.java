package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.api.model.AuditLogExportMetadata;
import dev.schematic.api.model.AuditLogExportMetadataExportType;
import dev.schematic.api.model.CompanyFeatureUsageExportMetadata;
import dev.schematic.api.model.CreateDataExportRequestBody;
import dev.schematic.api.model.DataExportMetadata;
import dev.schematic.api.model.DataExportResponseData;
import dev.schematic.api.model.EventExportMetadata;
import dev.schematic.api.model.IntegrationConfig;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code oneOf} with a discriminator is a sealed interface: each known discriminator value reads as its variant
 * record, and anything else reads as {@code Unknown}, which keeps the object and writes it back unchanged. Reading
 * never fails on an object the spec allows, nor on a new variant the spec does not know yet.
 */
class SealedUnionTest {
    // the SDK's settings (JsonMapping): nulls left out; built here so the test names no SDK-internal class
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(false));

    private DataExportMetadata read(String json) {
        return jsonb.fromJson("{\"id\":\"de_1\",\"metadata\":" + json + "}", DataExportResponseData.class)
                .metadata();
    }

    private static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void eachDiscriminatorValueReadsAsItsVariant() {
        assertInstanceOf(AuditLogExportMetadata.class, read("{\"export_type\":\"audit-log\",\"q\":\"x\"}"));
        assertInstanceOf(EventExportMetadata.class, read("{\"export_type\":\"event\",\"user_id\":\"u\"}"));
        assertInstanceOf(
                CompanyFeatureUsageExportMetadata.class,
                read("{\"export_type\":\"company-feature-usage\",\"company_ids\":[\"comp_1\"]}"));
        AuditLogExportMetadata audit = (AuditLogExportMetadata)
                read("{\"export_type\":\"audit-log\",\"q\":\"x\",\"start_time\":\"2024-01-02T03:04:05Z\"}");
        assertEquals("x", audit.q());
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), audit.startTime());
    }

    @Test
    void anUnknownDiscriminatorValueIsKeptAndWrittenBackUnchanged() {
        String json = "{\"export_type\":\"plan-usage\",\"plan_ids\":[\"plan_1\"],\"deep\":{\"a\":1}}";
        DataExportMetadata m = read(json);
        DataExportMetadata.Unknown unknown = assertInstanceOf(DataExportMetadata.Unknown.class, m);
        assertEquals("plan-usage", unknown.discriminator());
        assertEquals(object(json), unknown.raw());
        assertEquals(object(json), object(jsonb.toJson(unknown)));
        String body = jsonb.toJson(
                CreateDataExportRequestBody.builder().metadata(unknown).build());
        assertEquals(object(json), object(body).getJsonObject("metadata"));
    }

    @Test
    void aMissingOrNonStringDiscriminatorOrAnUnreadableVariantIsUnknownNotAnError() {
        assertNull(
                assertInstanceOf(DataExportMetadata.Unknown.class, read("{}")).discriminator());
        assertNull(assertInstanceOf(DataExportMetadata.Unknown.class, read("{\"export_type\":7}"))
                .discriminator());
        DataExportMetadata.Unknown bad = assertInstanceOf(
                DataExportMetadata.Unknown.class, read("{\"export_type\":\"audit-log\",\"start_time\":[1]}"));
        assertEquals("audit-log", bad.discriminator());
        assertNull(read("null"));
    }

    @Test
    void aKnownVariantIsWrittenAsItsOwnObject() {
        AuditLogExportMetadata audit = AuditLogExportMetadata.builder()
                .exportType(AuditLogExportMetadataExportType.of("audit-log"))
                .q("x")
                .build();
        JsonObject body = object(jsonb.toJson(
                CreateDataExportRequestBody.builder().metadata(audit).build()));
        assertEquals(object("{\"export_type\":\"audit-log\",\"q\":\"x\"}"), body.getJsonObject("metadata"));
        assertEquals(audit, jsonb.fromJson(body.getJsonObject("metadata").toString(), DataExportMetadata.class));
    }

    @Test
    void integrationConfigVariantsReadInLists() {
        List<IntegrationConfig> configs = jsonb.fromJson(
                "[{\"type\":\"stripe\"},{\"type\":\"new-billing\",\"x\":true},null]",
                new java.util.ArrayList<IntegrationConfig>() {}.getClass().getGenericSuperclass());
        assertEquals(3, configs.size());
        assertTrue(configs.get(0) instanceof dev.schematic.api.model.StripeIntegrationConfig, configs.toString());
        assertInstanceOf(IntegrationConfig.Unknown.class, configs.get(1));
        assertNull(configs.get(2));
    }
}
