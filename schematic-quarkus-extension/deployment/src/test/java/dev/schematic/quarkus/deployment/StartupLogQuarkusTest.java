package dev.schematic.quarkus.deployment;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quiet logs in Quarkus (docs/observability.md): an application with DataStream and the check cache (embedded
 * Infinispan for both), started eagerly, logs no third-party line at INFO or above (Quarkus' own start and stop lines
 * aside: Infinispan's marshaller and virtual-thread lines are gone), the SDK logs one line per DataStream state change
 * of its own (connecting → ready), and 50 checks log nothing. The records are read after the application stopped.
 */
class StartupLogQuarkusTest {
    static final FakeSchematic FAKE = FakeSchematic.start();

    static {
        FAKE.dataStream().flag(flag("new-ui", true));
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("schematic.api-key", "sch_dev_quiet")
            .overrideConfigKey("schematic.base-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.event-capture-url", FAKE.baseUrl())
            .overrideConfigKey("schematic.datastream.enabled", "true")
            .overrideConfigKey("schematic.datastream.url", FAKE.dataStream().url())
            .overrideConfigKey("schematic.cache.enabled", "true")
            .overrideConfigKey("schematic.eager", "true")
            .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.INFO.intValue())
            .assertLogRecords(StartupLogQuarkusTest::onlyTheSdksStateChanges)
            .setAfterUndeployListener(FAKE::close);

    @Inject
    Schematic schematic;

    @Test
    void checksAfterAQuietStartLogNothing() {
        assertTrue(schematic.awaitReady(Duration.ofSeconds(20)), () -> "not ready: " + schematic.dataStream());
        for (int i = 0; i < 50; i++) {
            FlagCheck check = schematic.checkFlagDetailed("new-ui", Map.of(), Map.of());
            assertEquals(FlagCheck.Source.LOCAL, check.source(), check::toString);
        }
    }

    static void onlyTheSdksStateChanges(List<LogRecord> records) {
        List<String> thirdParty = records.stream()
                .filter(r -> !from(r, "dev.schematic") && !from(r, "io.quarkus") && !fromTheFake(r))
                .map(StartupLogQuarkusTest::line)
                .toList();
        assertEquals(List.of(), thirdParty, "third-party lines at INFO or above");
        List<String> sdk = records.stream()
                .filter(r -> from(r, "dev.schematic"))
                .map(StartupLogQuarkusTest::line)
                .toList();
        // one line per state change (at start connecting -> ready; a line at shutdown is a state change too), and
        // none per check
        assertTrue(!sdk.isEmpty() && sdk.get(0).contains("Schematic DataStream CONNECTING -> READY"), sdk::toString);
        assertTrue(
                sdk.stream().allMatch(l -> l.matches(".* Schematic DataStream [A-Z_]+ -> [A-Z_]+.*")),
                () -> "lines that are not state changes: " + sdk);
        assertEquals(sdk.size(), sdk.stream().distinct().count(), () -> "a state change logged twice: " + sdk);
    }

    /** The test kit's fake runs in this JVM on Grizzly and Tyrus: its lines are the test's, not the application's. */
    private static boolean fromTheFake(LogRecord r) {
        return from(r, "org.glassfish.grizzly") || from(r, "org.glassfish.tyrus");
    }

    private static boolean from(LogRecord r, String prefix) {
        return r.getLoggerName() != null && r.getLoggerName().startsWith(prefix);
    }

    private static String line(LogRecord r) {
        return r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage();
    }
}
