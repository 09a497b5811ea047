package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;
import static dev.schematic.testkit.DataStreamEntities.metric;
import static dev.schematic.testkit.DataStreamEntities.metricRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeated local checks reuse the whole answer, through the facade, and stop as soon as anything changes. */
class RepeatedLocalChecksTest {
    static final Map<String, String> ACME = Map.of("id", "acme");
    static final Map<String, String> GLOBEX = Map.of("id", "globex");

    FakeSchematic fake;
    FakeDataStream ds;

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        ds = fake.dataStream();
        ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", true)));
        ds.flag(flag("api-calls", false, metricRule("r3", "api-call", "lt", 100, "all_time", true)));
        ds.company(company("comp_1", ACME, metric("comp_1", "api-call", "all_time", 42)));
        ds.company(company("comp_2", GLOBEX));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aRepeatedCheckReturnsTheSameAnswerAndSendsAnEventEveryTime() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            s.checkFlag("new-ui", ACME, Map.of()); // fetches the company: a store write, so not reused
            FlagCheck first = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertSame(first, s.checkFlagDetailed("new-ui", new HashMap<>(ACME), Map.of()));
            assertSame(first, s.checkFlagDetailed("new-ui", ACME, null));
            assertEquals(FlagCheck.Source.LOCAL, first.source());
            assertTrue(first.value());
            assertFalse(s.checkFlag("new-ui", GLOBEX, Map.of()), "another company, its own answer");
        }
        List<CapturedEvent> events = fake.awaitEvents("flag_check", 5, Duration.ofSeconds(5));
        assertEquals(5, events.size());
        for (CapturedEvent e : events.subList(0, 4)) {
            assertEquals("acme", e.body().getJsonObject("req_company").getString("id"));
            assertTrue(e.body().getBoolean("value"));
            assertEquals("r1", e.body().getString("rule_id"));
        }
        assertEquals("globex", events.get(4).body().getJsonObject("req_company").getString("id"));
    }

    @Test
    void aPushedChangeToAnyEntityEndsReuse() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            s.checkFlag("new-ui", ACME, Map.of()); // fetches the company
            FlagCheck first = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertSame(first, s.checkFlagDetailed("new-ui", ACME, Map.of()));
            ds.flag(flag("unrelated", true));
            assertTrue(LocalCheckTest.eventually(() -> s.checkFlagDetailed("new-ui", ACME, Map.of()) != first));
            FlagCheck again = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertEquals(first, again, "same content, new answer");

            ds.flag(flag("new-ui", false, companyOverride("r1", "comp_1", false)));
            assertTrue(LocalCheckTest.eventually(() -> !s.checkFlag("new-ui", ACME, Map.of())));
        }
    }

    @Test
    void trackEndsReuseAtOnce() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            assertTrue(s.checkFlag("api-calls", ACME, Map.of()), "42 < 100");
            FlagCheck reused = s.checkFlagDetailed("api-calls", ACME, Map.of());
            assertSame(reused, s.checkFlagDetailed("api-calls", ACME, Map.of()));
            s.track("api-call", ACME, Map.of(), Map.of(), 58);
            assertFalse(s.checkFlag("api-calls", ACME, Map.of()), "100 is not < 100");
        }
    }

    @Test
    void aKeysMapChangedByTheCallerIsCheckedForItsNewKeys() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            Map<String, String> keys = new HashMap<>(ACME);
            assertTrue(s.checkFlag("new-ui", keys, Map.of()));
            keys.put("id", "globex");
            assertFalse(s.checkFlag("new-ui", keys, Map.of()));
            assertTrue(s.checkFlag("new-ui", ACME, Map.of()));
        }
    }

    @Test
    void keysWithANullValueAreCheckedAndTheirEventLeavesTheNullOut() {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            Map<String, String> keys = new HashMap<>(ACME);
            keys.put("domain", null);
            FlagCheck c = s.checkFlagDetailed("new-ui", keys, Map.of());
            assertEquals(FlagCheck.Source.LOCAL, c.source(), c::toString);
            assertTrue(c.value());
            FlagCheck again = s.checkFlagDetailed("new-ui", keys, Map.of());
            assertNotSame(c, again, "keys with a null value are answered, not kept");
            assertEquals(c, again);
        }
        List<CapturedEvent> events = fake.awaitEvents("flag_check", 2, Duration.ofSeconds(5));
        for (CapturedEvent e : events) {
            var keys = e.body().getJsonObject("req_company");
            assertEquals(1, keys.size(), e::toString);
            assertEquals("acme", keys.getString("id"));
        }
    }

    @Test
    void withTheMemoOffEveryCheckIsEvaluated() {
        try (Schematic s = LocalClients.against(fake)
                .property("schematic.rules.memo-size", "0")
                .build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            FlagCheck first = s.checkFlagDetailed("new-ui", ACME, Map.of());
            FlagCheck second = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertNotSame(first, second);
            assertEquals(first, second);
        }
    }

    @Test
    void anAnswerIsReusedForAtMostTheMaximumAge() throws Exception {
        try (Schematic s = LocalClients.against(fake).build()) {
            assertTrue(s.awaitReady(Duration.ofSeconds(10)));
            s.checkFlag("new-ui", ACME, Map.of()); // fetches the company
            FlagCheck first = s.checkFlagDetailed("new-ui", ACME, Map.of());
            assertSame(first, s.checkFlagDetailed("new-ui", ACME, Map.of()));
            Thread.sleep(LocalAnswers.MAX_AGE_MILLIS + 100);
            assertNotSame(first, s.checkFlagDetailed("new-ui", ACME, Map.of()));
        }
    }
}
