package dev.schematic.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what {@link WebhookSignatureFilter} logs (System.Logger goes to java.util.logging in these tests). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(WebhookSignatureFilter.class.getName());
    private final List<String> messages = new CopyOnWriteArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
        messages.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
