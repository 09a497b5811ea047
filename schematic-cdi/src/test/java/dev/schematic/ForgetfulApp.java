package dev.schematic;

import java.time.Duration;
import java.util.Map;

/** A Java SE program that queues events and exits without closing its client (run in a child JVM). */
public final class ForgetfulApp {
    private ForgetfulApp() {}

    public static void main(String[] args) {
        Schematic schematic = Schematic.builder()
                .apiKey("sch_dev_forgetful")
                .baseUrl(args[0])
                .eventCaptureUrl(args[0])
                .eventsFlushInterval(Duration.ofHours(1))
                .build();
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            schematic.track("exit-" + i, Map.of("id", "acme"), Map.of());
        }
        // no close(): main returns, the JVM exits, the shutdown hook must send the events
    }
}
