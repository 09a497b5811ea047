package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openfeature.sdk.OpenFeatureAPI;
import dev.schematic.it.wildfly.openfeature.FeaturesApplication;
import dev.schematic.openfeature.SchematicProvider;
import dev.schematic.testkit.FakeSchematic;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenFeature inside the server: a WAR with schematic-openfeature (and OpenFeature's SDK with slf4j-api) in
 * {@code WEB-INF/lib}, whose resource only knows OpenFeature's {@code Client}. The module's CDI producer registers
 * the {@code schematic} provider over the container's {@code Schematic} at startup, and the injected client answers
 * from a flag of the test kit's fake (REST mode). Written for WildFly; the Payara Micro and Open Liberty suites share
 * these sources (they carry the same WAR: OpenFeature's SDK needs nothing from the server but CDI, JAX-RS and
 * MicroProfile Config), but this scenario has only been run on WildFly so far.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenFeatureOverHttpIT {
    private static final String FLAG = "of-new-checkout";

    @Deployment(testable = false)
    static WebArchive features() {
        List<File> libs = new ArrayList<>(AppArchives.sdkLibraries());
        libs.add(jarOf(SchematicProvider.class, "schematic-openfeature"));
        libs.add(jarOf(OpenFeatureAPI.class, "openfeature-sdk"));
        libs.add(jarOf(org.slf4j.Logger.class, "slf4j-api"));
        return ShrinkWrap.create(WebArchive.class, "openfeature-features.war")
                .addPackage(FeaturesApplication.class.getPackage())
                .addAsResource(
                        new StringAsset(AppArchives.properties(Map.of("schematic.openfeature.init-timeout", "5s"))),
                        "META-INF/microprofile-config.properties")
                .addAsLibraries(libs.toArray(File[]::new));
    }

    @ArquillianResource
    URL base;

    FakeSchematic fake;
    ShopClient client;

    @BeforeEach
    void programTheFake() {
        fake = FakeServer.get().reset();
        fake.flag(FLAG).defaultValue(false).forCompany(Map.of("id", "acme"), true);
        client = new ShopClient(base);
    }

    private JsonObject evaluate(String flag, String company) {
        ShopClient.Answer a = client.get("api/features/" + flag + "/" + company);
        assertEquals(200, a.status(), a::body);
        return a.json();
    }

    @Test
    void anInjectedOpenFeatureClientAnswersFromASchematicFlag() {
        JsonObject acme = evaluate(FLAG, "acme");
        assertTrue(acme.getBoolean("value"), acme::toString);
        assertEquals("TARGETING_MATCH", acme.getString("reason"), acme::toString);
        assertEquals("API", acme.getString("source"), acme::toString);
        assertEquals("schematic", acme.getString("provider"), "registered by the CDI producer");
        assertEquals(
                "acme",
                fake.requests("POST", "/flags/" + FLAG)
                        .get(0)
                        .bodyJson()
                        .getJsonObject("company")
                        .getString("id"));

        JsonObject globex = evaluate(FLAG, "globex");
        assertFalse(globex.getBoolean("value"), globex::toString);
        assertEquals("DEFAULT", globex.getString("reason"), globex::toString);
    }

    @Test
    void anUnknownFlagIsFlagNotFoundWithTheCallersDefault() {
        JsonObject missing = evaluate("of-no-such-flag", "acme");
        assertFalse(missing.getBoolean("value"), missing::toString);
        assertEquals("FLAG_NOT_FOUND", missing.getString("errorCode"), missing::toString);
    }

    /** A class's jar as on the test classpath, or (a reactor module before packaging) its classes zipped. */
    private static File jarOf(Class<?> type, String name) {
        try {
            Path location = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(location)) {
                return location.toFile();
            }
            Path jar = Files.createTempFile(name + "-", ".jar");
            ShrinkWrap.create(JavaArchive.class, name + ".jar")
                    .as(ExplodedImporter.class)
                    .importDirectory(location.toFile())
                    .as(ZipExporter.class)
                    .exportTo(jar.toFile(), true);
            jar.toFile().deleteOnExit();
            return jar.toFile();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate " + name + " on the test classpath", e);
        }
    }
}
