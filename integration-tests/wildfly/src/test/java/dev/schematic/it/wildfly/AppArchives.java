package dev.schematic.it.wildfly;

import dev.schematic.Schematic;
import dev.schematic.it.wildfly.app.ShopApplication;
import dev.schematic.it.wildfly.probe.ThreadsProbe;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jboss.shrinkwrap.resolver.api.maven.Maven;

/**
 * Builds the WARs the suite deploys, the way a user packages an application: the app's classes, {@code
 * META-INF/microprofile-config.properties}, and {@code WEB-INF/lib} with schematic-cdi plus the runtime dependencies
 * WildFly does not provide. Runs in the test JVM only.
 */
final class AppArchives {
    /**
     * Provided to every deployment by the server, so not packaged. WildFly (the default): the Jakarta Transactions API
     * (an EE API) and JBoss Logging (an implicit module). The other suites that share these sources set {@code
     * it.provided-libs} (Payara and Open Liberty: the Transactions API only). Everything else schematic-cdi needs at
     * run time (Infinispan 16 and its dependencies) travels in WEB-INF/lib.
     */
    static final Set<String> PROVIDED_BY_SERVER =
            Set.of(System.getProperty("it.provided-libs", "jakarta.transaction-api,jboss-logging")
                    .split(","));

    /**
     * The shop's webhook secrets: {@code schematic.webhooks.secret} lists the current and the previous secret (a
     * rotation in progress, both verify); the {@code /billing} endpoint has its own key with one secret.
     */
    static final String WEBHOOK_SECRET = "whsec_wildfly_current";

    static final String PREVIOUS_WEBHOOK_SECRET = "whsec_wildfly_previous";
    static final String BILLING_WEBHOOK_SECRET = "whsec_wildfly_billing";

    private static List<File> sdkLibraries;

    private AppArchives() {}

    /** The sample shop application configured with {@code config} (merged over the defaults for the fake). */
    static WebArchive shop(String name, Map<String, String> config) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(ShopApplication.class.getPackage())
                .addAsResource(new StringAsset(properties(config)), "META-INF/microprofile-config.properties")
                .addAsLibraries(sdkLibraries().toArray(File[]::new));
    }

    /**
     * The configuration every shop deployment starts from: the fake for API and capture, a fast flush, and the
     * webhook secrets (the shop's {@code WebhookResource} is a {@code @VerifiedSchematicWebhook} endpoint, so a WAR
     * without them fails to deploy).
     */
    static Map<String, String> fakeConfig() {
        String url = FakeServer.get().baseUrl();
        Map<String, String> config = new TreeMap<>();
        config.put("schematic.api-key", FakeServer.API_KEY);
        config.put("schematic.base-url", url);
        config.put("schematic.event-capture-url", url);
        config.put("schematic.events.flush-interval", "100ms");
        config.put("schematic.webhooks.secret", WEBHOOK_SECRET + "," + PREVIOUS_WEBHOOK_SECRET);
        config.put("schematic.webhooks.secrets.billing", BILLING_WEBHOOK_SECRET);
        return config;
    }

    /** A deployment without the SDK that lists the server's threads (see {@link ThreadsProbe}). */
    static WebArchive threadsProbe() {
        return ShrinkWrap.create(WebArchive.class, "probe.war")
                .addClasses(ThreadsProbe.class, ThreadsProbe.ProbeApplication.class);
    }

    static String properties(Map<String, String> config) {
        Map<String, String> merged = new TreeMap<>(fakeConfig());
        merged.putAll(config);
        return merged.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * schematic-cdi and its runtime dependencies, resolved from schematic-cdi's own POM (this module's test classpath
     * has them at versions Maven mediated against the Arquillian client's, e.g. an older wildfly-common), as Maven
     * packages them into an application's WAR: optional dependencies are left out.
     */
    static synchronized List<File> sdkLibraries() {
        if (sdkLibraries == null) {
            File pom = new File(System.getProperty("schematic-cdi.pom", "../../schematic-cdi/pom.xml"));
            // the SDK's direct dependencies without its optional ones (Tyrus, the Hot Rod client), which Maven does
            // not give an application either: the WAR must use WildFly's own jakarta.websocket client
            String[] required = Arrays.stream(Maven.resolver()
                            .loadPomFromFile(pom)
                            .importCompileAndRuntimeDependencies()
                            .resolve()
                            .withoutTransitivity()
                            .asResolvedArtifact())
                    .filter(a -> !a.isOptional())
                    .map(a -> a.getCoordinate().toCanonicalForm())
                    .toArray(String[]::new);
            File[] dependencies = Maven.resolver()
                    .loadPomFromFile(pom)
                    .resolve(required)
                    .withTransitivity()
                    .asFile();
            List<File> libs = new ArrayList<>(Arrays.stream(dependencies)
                    .filter(f -> PROVIDED_BY_SERVER.stream()
                            .noneMatch(p -> f.getName().startsWith(p + "-")))
                    .toList());
            libs.add(sdkJar());
            sdkLibraries = List.copyOf(libs);
        }
        return sdkLibraries;
    }

    /** schematic-cdi as on the test classpath: its jar, or (in a reactor build before packaging) its classes. */
    private static File sdkJar() {
        try {
            Path location = Path.of(Schematic.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isRegularFile(location)) {
                return location.toFile();
            }
            Path jar = Files.createTempFile("schematic-cdi-", ".jar");
            ShrinkWrap.create(JavaArchive.class, "schematic-cdi.jar")
                    .as(ExplodedImporter.class)
                    .importDirectory(location.toFile())
                    .as(ZipExporter.class)
                    .exportTo(jar.toFile(), true);
            jar.toFile().deleteOnExit();
            return jar.toFile();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate schematic-cdi on the test classpath", e);
        }
    }
}
