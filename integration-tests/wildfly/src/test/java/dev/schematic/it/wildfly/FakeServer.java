package dev.schematic.it.wildfly;

import dev.schematic.testkit.FakeSchematic;

/**
 * The one fake Schematic of the test JVM, shared by every test class (WildFly is booted once for the suite, and every
 * deployment's configuration points at this fake). Started on first use; its threads are daemons.
 */
final class FakeServer {
    static final String API_KEY = "sch_dev_wildfly_it";

    private static FakeSchematic fake;

    private FakeServer() {}

    static synchronized FakeSchematic get() {
        if (fake == null) {
            fake = FakeSchematic.start();
            Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-schematic-shutdown"));
        }
        return fake;
    }
}
