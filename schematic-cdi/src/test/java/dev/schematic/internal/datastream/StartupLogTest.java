package dev.schematic.internal.datastream;

import static dev.schematic.testkit.DataStreamEntities.flag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quiet logs: a Java SE client with DataStream and the check cache (two embedded Infinispan cache managers) starts
 * without a single third-party INFO line (Infinispan logged {@code ISPN000556: Starting user marshaller} once per cache
 * manager, and {@code ISPN000974: Virtual threads support} once), logs one line per DataStream state change of its own (here: connecting → ready), and nothing per check.
 */
class StartupLogTest {
    FakeSchematic fake;
    final Capture log = new Capture();

    @BeforeEach
    void start() {
        fake = FakeSchematic.start();
        fake.dataStream().flag(flag("new-ui", true));
        Logger.getLogger("").addHandler(log);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(log);
        fake.close();
    }

    @Test
    void startupLogsOnlyTheSdksStateChangesAndChecksLogNothing() {
        try (Schematic s = LocalClients.against(fake).cacheEnabled(true).build()) {
            s.start(); // starts the check cache's Infinispan now
            assertTrue(s.awaitReady(Duration.ofSeconds(20)), () -> "not ready: " + s.dataStream());
            List<String> atStart = log.lines();
            assertEquals(List.of(), log.thirdParty(), "third-party lines at INFO or above during startup");
            assertEquals(
                    List.of(
                            "INFO dev.schematic.internal.datastream.DataStreamClient Schematic DataStream CONNECTING -> READY"),
                    atStart.stream().map(l -> l.substring(0, l.indexOf(": "))).toList(),
                    () -> "startup lines: " + atStart);

            for (int i = 0; i < 50; i++) {
                FlagCheck check = s.checkFlagDetailed("new-ui", Map.of(), Map.of());
                assertEquals(FlagCheck.Source.LOCAL, check.source());
            }
            assertEquals(atStart, log.lines(), "checks logged something");
        }
    }

    /** Every java.util.logging record at INFO or above. */
    static final class Capture extends Handler {
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();

        Capture() {
            setLevel(Level.INFO);
        }

        List<String> lines() {
            return records.stream()
                    .filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("dev.schematic"))
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage())
                    .toList();
        }

        List<String> thirdParty() {
            return records.stream()
                    .filter(r -> r.getLoggerName() == null || !r.getLoggerName().startsWith("dev.schematic"))
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + " " + r.getMessage())
                    .toList();
        }

        @Override
        public void publish(LogRecord r) {
            if (isLoggable(r)) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
