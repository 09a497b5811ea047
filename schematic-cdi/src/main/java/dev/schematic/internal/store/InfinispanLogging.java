package dev.schematic.internal.store;

import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps Infinispan's start-up chatter out of the application's log. Each embedded cache manager the SDK starts (the
 * check cache, the DataStream store) makes Infinispan log {@code ISPN000556: Starting user marshaller '…'} at INFO on
 * the category {@code org.infinispan.CONTAINER}, unconditionally (no setting turns it off): one line per manager, so a
 * few per client; the first one also logs {@code ISPN000974: Virtual threads support: …}. This filter drops those two
 * INFO messages and nothing else (other messages of the category, and any warning or error, pass), on logging that
 * goes through {@code java.util.logging}: Java SE's default, and JBoss LogManager in Quarkus and WildFly. With Log4j 2
 * or Logback as JBoss Logging's back end, set {@code org.infinispan.CONTAINER} to WARN there.
 */
public final class InfinispanLogging {
    static final String CATEGORY = "org.infinispan.CONTAINER";
    /** Starting user marshaller '…'; Virtual threads support: … */
    static final List<String> STARTUP_LINES = List.of("ISPN000556", "ISPN000974");

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger would forget the filter. */
    private static final Logger CONTAINER = Logger.getLogger(CATEGORY);

    private static boolean installed;

    private InfinispanLogging() {}

    /** Installs the filter once (before a cache manager starts); an existing filter keeps its say. */
    public static synchronized void quietStartup() {
        if (installed) {
            return;
        }
        Filter previous = CONTAINER.getFilter();
        CONTAINER.setFilter(r -> !isStartupLine(r) && (previous == null || previous.isLoggable(r)));
        installed = true;
    }

    static boolean isStartupLine(LogRecord r) {
        String message = r.getMessage();
        return message != null
                && r.getLevel().intValue() <= Level.INFO.intValue()
                && STARTUP_LINES.stream().anyMatch(message::startsWith);
    }
}
