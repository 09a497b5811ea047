package dev.schematic.internal.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.SchematicConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replicator-mode and store=redis keys: defaults, validation codes, redaction. */
class ReplicatorSettingsTest {
    static DataStreamSettings read(String... kv) {
        Map<String, String> raw = new HashMap<>();
        raw.put("schematic.api-key", "sch_dev_x");
        for (int i = 0; i < kv.length; i += 2) {
            raw.put(kv[i], kv[i + 1]);
        }
        return SchematicConfig.read(raw).dataStream();
    }

    @Test
    void defaultsMatchTheOfficialSdksAndTheCatalogue() {
        DataStreamSettings s = read();
        assertFalse(s.replicatorMode());
        assertEquals(URI.create("http://localhost:8090/ready"), s.replicatorHealthUrl());
        assertEquals(Duration.ofSeconds(30), s.replicatorHealthInterval());
        assertEquals("redis://localhost:6379/0", s.redis().address());
        assertFalse(s.redis().tls());
        assertEquals("schematic", s.keyPrefix());
        assertEquals(
                "http://localhost:8090/ready",
                Catalogue.DATASTREAM_REPLICATOR_HEALTH_URL.defaultValue().orElseThrow());
        assertEquals(
                "redis://localhost:6379/0",
                Catalogue.DATASTREAM_REDIS_URL.defaultValue().orElseThrow());
    }

    @Test
    void replicatorModeTurnsLocalEvaluationOnWithTheRedisStore() {
        DataStreamSettings s = read("schematic.datastream.replicator-mode", "true");
        assertTrue(s.enabled());
        assertTrue(s.replicatorMode());
        assertEquals(DataStreamSettings.Store.REDIS, s.store());
        assertEquals(
                DataStreamSettings.Store.REDIS,
                read("schematic.datastream.replicator-mode", "true", "schematic.datastream.store", "embedded")
                        .store(),
                "embedded is the default (the Quarkus mapping passes it explicitly): replicator mode reads Redis");
        var e = assertThrows(
                SchematicConfigException.class,
                () -> read("schematic.datastream.replicator-mode", "true", "schematic.datastream.store", "remote"));
        assertTrue(e.getMessage().startsWith("SCHEM506 schematic.datastream.store"), e.getMessage());
    }

    @Test
    void theRedisUrlCarriesHostPortDatabaseTlsAndCredentials() {
        DataStreamSettings.Redis r = read(
                        "schematic.datastream.store", "redis",
                        "schematic.datastream.redis.url", "rediss://app:s3cret@cache.example.com:6380/2")
                .redis();
        assertTrue(r.tls());
        assertEquals("cache.example.com", r.host());
        assertEquals(6380, r.port());
        assertEquals(2, r.database());
        assertEquals("app", r.user().orElseThrow());
        assertEquals("s3cret", r.secret().orElseThrow());
        assertFalse(r.toString().contains("s3cret"), r.toString());
        DataStreamSettings s = read(
                "schematic.datastream.redis.url", "redis://:fromurl@h",
                "schematic.datastream.redis.username", "other",
                "schematic.datastream.redis.password", "hunter2");
        assertEquals(6379, s.redis().port());
        assertEquals(0, s.redis().database());
        assertEquals("other", s.redis().user().orElseThrow());
        assertEquals("hunter2", s.redis().secret().orElseThrow(), "the keys win over the URL");
        assertFalse(s.toString().contains("hunter2"));
        assertFalse(s.toString().contains("fromurl"));
    }

    @Test
    void badValuesNameTheKey() {
        var e = assertThrows(
                SchematicConfigException.class, () -> read("schematic.datastream.redis.url", "http://x:1/0"));
        assertTrue(e.getMessage().startsWith("SCHEM504 schematic.datastream.redis.url"), e.getMessage());
        e = assertThrows(
                SchematicConfigException.class, () -> read("schematic.datastream.redis.url", "redis://u:pw@h/x"));
        assertFalse(e.getMessage().contains("pw"), "credentials are not echoed: " + e.getMessage());
        e = assertThrows(
                SchematicConfigException.class,
                () -> read("schematic.datastream.replicator-health-url", "localhost:8090/ready"));
        assertTrue(e.getMessage().startsWith("SCHEM505 schematic.datastream.replicator-health-url"), e.getMessage());
        e = assertThrows(
                SchematicConfigException.class, () -> read("schematic.datastream.replicator-health-interval", "often"));
        assertTrue(e.getMessage().startsWith("SCHEM102 schematic.datastream.replicator-health-interval"));
        e = assertThrows(SchematicConfigException.class, () -> read("schematic.datastream.replicator-mode", "yes"));
        assertTrue(e.getMessage().startsWith("SCHEM103 schematic.datastream.replicator-mode"), e.getMessage());
    }

    @Test
    void aMissingRedisClientIsAClearStartupError() {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> DataStreamSettings.requireRedisClient("schematic.datastream.store", "no.such.JedisPool"));
        assertTrue(e.getMessage().startsWith("SCHEM501 schematic.datastream.store"), e.getMessage());
        assertTrue(e.getMessage().contains("redis.clients:jedis"), e.getMessage());
        DataStreamSettings.requireRedisClient("schematic.datastream.store", DataStreamSettings.REDIS_CLIENT_CLASS);
    }
}
