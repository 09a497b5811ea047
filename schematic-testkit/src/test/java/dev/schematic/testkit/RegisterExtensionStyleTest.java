package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterExtensionStyleTest {
    @RegisterExtension
    static FakeSchematicExtension fake = new FakeSchematicExtension();

    static FakeSchematic first;

    @BeforeEach
    void seed() {
        fake.flag("beta").forCompany(Map.of("id", "acme"), true);
    }

    @AfterAll
    static void serverIsStoppedAfterTheClass() {
        // afterAll callbacks of the extension run after this method; check what we can from here.
        assertFalse(first.isClosed());
    }

    @Test
    @Order(1)
    void delegatesToTheServer(FakeSchematic injected) {
        first = fake.server();
        assertSame(first, injected);
        assertEquals(first.baseUrl(), fake.baseUrl());
        assertEquals(first.port(), fake.port());
        Http http = new Http(fake.server());
        assertTrue(http.post("/flags/beta/check", "{\"company\":{\"id\":\"acme\"}}")
                .data()
                .getBoolean("value"));
        http.post("/batch", Http.events(3, "identify"));
        assertEquals(3, fake.awaitEvents(3, Duration.ofSeconds(2)).size());
        assertEquals(3, fake.events("identify").size());
        assertEquals(2, fake.requests().size());
        fake.failNext(1, 503);
        assertEquals(503, http.get("/anything").status());
    }

    @Test
    @Order(2)
    void sameServerResetButSeededByBeforeEach() {
        assertSame(first, fake.server());
        assertTrue(fake.events().isEmpty());
        assertTrue(fake.requests().isEmpty());
        assertEquals(1, fake.server().flags().size(), "the @BeforeEach seed runs after the reset");
        assertEquals(404, new Http(fake.server()).get("/anything").status(), "failNext was reset");
    }

    @Test
    @Order(3)
    void serverOutsideLifecycleFailsClearly() {
        FakeSchematicExtension unused = new FakeSchematicExtension();
        IllegalStateException e = assertThrows(IllegalStateException.class, unused::server);
        assertTrue(e.getMessage().contains("not running"));
    }
}
