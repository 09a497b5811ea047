package dev.schematic.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.schematic.Schematic;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client may be created on first use from a server thread that is not the application's: Payara runs {@code
 * /health} checks on a thread whose context class loader sees neither the application's classes nor its {@code
 * META-INF/microprofile-config.properties}. The client still gets the application's settings (captured by the SDK's
 * extension while deploying) and is built with the application's class loader.
 */
class ClientOnAServerThreadTest {
    @TempDir
    Path dir;

    @Test
    void aClientFirstUsedOnAServerThreadHasTheApplicationsSettings() throws Exception {
        Path properties = dir.resolve("META-INF/microprofile-config.properties");
        Files.createDirectories(properties.getParent());
        Files.writeString(properties, "schematic.api-key=sch_dev_only_in_the_war\nschematic.offline=true\n");
        Thread main = Thread.currentThread();
        ClassLoader test = main.getContextClassLoader();
        try (URLClassLoader application =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, test)) {
            main.setContextClassLoader(application); // deploying: the container's thread carries the app's loader
            WeldContainer container;
            try {
                container = new Weld().initialize();
            } finally {
                main.setContextClassLoader(test);
            }
            try (container) {
                AtomicReference<Object> seen = new AtomicReference<>();
                Thread server = new Thread(() -> {
                    try {
                        Schematic schematic = container.select(Schematic.class).get();
                        seen.set(schematic.config().maskedApiKey());
                    } catch (RuntimeException e) {
                        seen.set(e);
                    }
                });
                server.setContextClassLoader(ClassLoader.getPlatformClassLoader());
                server.start();
                server.join(30_000);

                assertFalse(server.isAlive());
                assertEquals("sch_dev_****_war", seen.get(), () -> "" + seen.get());
            }
        } finally {
            ConfigProviderResolver resolver = ConfigProviderResolver.instance();
            resolver.releaseConfig(ConfigProvider.getConfig(test));
        }
    }
}
