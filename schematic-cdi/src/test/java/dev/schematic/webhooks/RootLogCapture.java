package dev.schematic.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every record logged through java.util.logging at INFO or above, whatever the logger, with its throwable. */
final class RootLogCapture extends Handler implements AutoCloseable {
    /** One record: level, logger, message and whether it carried a stack trace. */
    record Entry(Level level, String logger, String message, Throwable thrown) {
        @Override
        public String toString() {
            return level + " " + logger + " " + message + (thrown == null ? "" : " [" + thrown + "]");
        }
    }

    private final Logger root = Logger.getLogger("");
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    RootLogCapture() {
        setLevel(Level.INFO);
        root.addHandler(this);
    }

    /** The records at WARNING or above. */
    List<Entry> warnings() {
        return entries.stream()
                .filter(e -> e.level().intValue() >= Level.WARNING.intValue())
                .toList();
    }

    List<Entry> all() {
        return List.copyOf(entries);
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            entries.add(new Entry(record.getLevel(), record.getLoggerName(), record.getMessage(), record.getThrown()));
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
