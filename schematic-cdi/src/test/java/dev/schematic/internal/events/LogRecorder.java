package dev.schematic.internal.events;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the event buffer logs, formatted ("LEVEL message"); System.Logger goes to java.util.logging here. */
final class LogRecorder extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(EventBuffer.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LogRecorder() {
        logger.addHandler(this);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines that contain {@code text}. */
    List<String> containing(String text) {
        return lines.stream().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        Object[] params = record.getParameters();
        String message = params == null || params.length == 0
                ? record.getMessage()
                : MessageFormat.format(record.getMessage(), params);
        lines.add(record.getLevel() + " " + message);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
