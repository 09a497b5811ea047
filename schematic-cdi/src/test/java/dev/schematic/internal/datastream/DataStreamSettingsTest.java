package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.SchematicConfigException;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.DataStreamUrl;
import dev.schematic.internal.config.SchematicConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataStreamSettingsTest {
    static DataStreamSettings read(String... kv) {
        Map<String, String> raw = new HashMap<>();
        raw.put("schematic.api-key", "sch_dev_x");
        for (int i = 0; i < kv.length; i += 2) {
            raw.put(kv[i], kv[i + 1]);
        }
        return SchematicConfig.read(raw).dataStream();
    }

    @Test
    void defaultsMatchTheOfficialSdks() {
        DataStreamSettings s = read();
        assertFalse(s.enabled());
        assertEquals(DataStreamSettings.Store.EMBEDDED, s.store());
        assertEquals(Duration.ofHours(24), s.cacheTtl());
        assertEquals(Duration.ofDays(30), s.flagTtl());
        assertEquals("schematic", s.keyPrefix());
        assertEquals(1000, s.maxEntries());
        assertEquals(Duration.ofSeconds(2), s.entityTimeout());
        assertEquals(Duration.ofSeconds(1), s.reconnectMinDelay());
        assertEquals(Duration.ofSeconds(30), s.reconnectMaxDelay());
        assertEquals(Duration.ofSeconds(27), s.pingInterval());
        assertEquals(
                URI.create("wss://datastream.schematichq.com/datastream"),
                s.url(URI.create("https://api.schematichq.com")));
    }

    @Test
    void zeroTtlMeansNoExpiryForFlagsToo() {
        assertEquals(Duration.ZERO, read("schematic.datastream.cache-ttl", "0").flagTtl());
        assertEquals(
                Duration.ofDays(40),
                read("schematic.datastream.cache-ttl", "40d").flagTtl());
    }

    @ParameterizedTest
    @CsvSource({
        "https://api.schematichq.com, wss://datastream.schematichq.com/datastream",
        "https://api.staging.example.com, wss://datastream.staging.example.com/datastream",
        "https://custom.example.com, wss://custom.example.com/datastream",
        "https://schematichq.com, wss://schematichq.com/datastream",
        "http://localhost:8080, ws://localhost:8080/datastream",
        "http://api.localhost:8080/v1?x=1, ws://datastream.localhost:8080/datastream",
        "ws://127.0.0.1:9000, ws://127.0.0.1:9000/datastream",
        "wss://ds.example.com/datastream, wss://ds.example.com/datastream"
    })
    void theUrlIsDerivedAsSection1_1Says(String base, String expected) {
        assertEquals(URI.create(expected), DataStreamUrl.derive(URI.create(base)));
    }

    @Test
    void badValuesNameTheKey() {
        var e = assertThrows(SchematicConfigException.class, () -> read("schematic.datastream.store", "memcached"));
        assertTrue(e.getMessage().startsWith("SCHEM500 schematic.datastream.store"), e.getMessage());
        assertEquals(
                DataStreamSettings.Store.REDIS,
                read("schematic.datastream.store", "redis").store());
        e = assertThrows(SchematicConfigException.class, () -> read("schematic.datastream.url", "ftp://x"));
        assertTrue(e.getMessage().startsWith("SCHEM502 schematic.datastream.url"), e.getMessage());
        e = assertThrows(SchematicConfigException.class, () -> read("schematic.datastream.remote.servers", "a:b"));
        assertTrue(e.getMessage().startsWith("SCHEM503"), e.getMessage());
        e = assertThrows(
                SchematicConfigException.class,
                () -> read(
                        "schematic.datastream.reconnect.min-delay",
                        "5s",
                        "schematic.datastream.reconnect.max-delay",
                        "1s"));
        assertTrue(e.getMessage().contains("reconnect.max-delay"), e.getMessage());
        e = assertThrows(SchematicConfigException.class, () -> read("schematic.datastream.entity-timeout", "soon"));
        assertTrue(e.getMessage().startsWith("SCHEM102 schematic.datastream.entity-timeout"), e.getMessage());
    }

    @Test
    void thePasswordIsNeverPrinted() {
        DataStreamSettings s = read(
                "schematic.datastream.store", "remote",
                "schematic.datastream.remote.username", "app",
                "schematic.datastream.remote.password", "hunter2");
        assertFalse(s.toString().contains("hunter2"));
        assertEquals("app", s.remoteUsername().orElseThrow());
    }

    @Test
    void aHandshakeRefusedWith401Or403StopsButPortsDoNot() {
        assertTrue(CloseReasons.refusedHandshake("HandshakeException: Response code was not 101: 401."));
        assertTrue(CloseReasons.refusedHandshake("x (HTTP 403)"));
        assertFalse(CloseReasons.refusedHandshake("Connection refused: /127.0.0.1:40123"));
        assertFalse(CloseReasons.refusedHandshake("ConnectException: 127.0.0.1:401"));
    }
}
