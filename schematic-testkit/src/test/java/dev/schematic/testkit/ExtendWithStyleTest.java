package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FakeSchematicExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtendWithStyleTest {
    static FakeSchematic fromBeforeAll;
    final FakeSchematic fromConstructor;
    FakeSchematic fromBeforeEach;

    ExtendWithStyleTest(FakeSchematic fake) {
        this.fromConstructor = fake;
    }

    @BeforeAll
    static void beforeAll(FakeSchematic fake) {
        fromBeforeAll = fake;
    }

    @BeforeEach
    void beforeEach(FakeSchematic fake) {
        fromBeforeEach = fake;
    }

    @AfterAll
    static void afterAll(FakeSchematic fake) {
        assertSame(fromBeforeAll, fake);
        assertFalse(fake.isClosed(), "still running in @AfterAll");
    }

    @Test
    @Order(1)
    void injectsOneServerEverywhere(FakeSchematic fake) {
        assertSame(fromBeforeAll, fake);
        assertSame(fromConstructor, fake);
        assertSame(fromBeforeEach, fake);
        assertTrue(fake.baseUrl().startsWith("http://127.0.0.1:"));
        fake.flag("left-over").defaultValue(true);
        new Http(fake).post("/batch", Http.events(2, "track"));
        assertEquals(2, fake.events().size());
    }

    @Test
    @Order(2)
    void resetsBeforeEachTest(FakeSchematic fake) {
        assertSame(fromBeforeAll, fake);
        assertTrue(fake.flags().isEmpty());
        assertTrue(fake.events().isEmpty());
        assertTrue(fake.requests().isEmpty());
        assertEquals(404, new Http(fake).post("/flags/left-over/check", "{}").status());
    }

    @Nested
    class Inner {
        @Test
        void nestedClassSharesTheServer(FakeSchematic fake) {
            assertSame(fromBeforeAll, fake);
            assertTrue(fake.flags().isEmpty());
        }
    }
}
