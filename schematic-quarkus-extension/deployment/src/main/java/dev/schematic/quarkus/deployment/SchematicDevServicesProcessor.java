package dev.schematic.quarkus.deployment;

import dev.schematic.internal.config.Catalogue;
import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Dev Services for Schematic: in dev and test mode, when no {@code schematic.api-key} is configured, runs the test
 * kit's {@code FakeSchematic} in the build JVM and points the SDK at it. Nothing leaves the machine.
 */
@BuildSteps(onlyIf = {IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class})
class SchematicDevServicesProcessor {
    private static final Logger LOG = Logger.getLogger(SchematicDevServicesProcessor.class);

    /** The API key the SDK sends to the fake (the fake accepts any key). */
    static final String DEV_API_KEY = "sch_dev_devservices";

    static final String FLAGS_FILE_KEY = "quarkus.schematic.devservices.flags-file";

    @BuildStep
    DevServicesResultBuildItem fakeSchematic(SchematicBuildTimeConfig buildConfig, OutputTargetBuildItem target) {
        SchematicBuildTimeConfig.DevServices config = buildConfig.devservices();
        if (!config.enabled()) {
            LOG.debug("Not starting Dev Services for Schematic: quarkus.schematic.devservices.enabled=false");
            return null;
        }
        if (ConfigUtils.isPropertyNonEmpty(Catalogue.API_KEY.name())) {
            LOG.debug("Not starting Dev Services for Schematic: schematic.api-key is set");
            return null;
        }
        boolean offline = ConfigProvider.getConfig()
                .getOptionalValue(Catalogue.OFFLINE.name(), String.class)
                .map(v -> v.strip().equalsIgnoreCase("true"))
                .orElse(false);
        if (offline) {
            LOG.debug("Not starting Dev Services for Schematic: schematic.offline=true");
            return null;
        }
        Optional<Path> flagsFile = config.flagsFile().map(f -> locate(f, target));
        String seedHash =
                flagsFile.map(SchematicDevServicesProcessor::contentHash).orElse("");
        int port = config.port();
        Function<FakeSchematicService, String> url = FakeSchematicService::getConnectionInfo;
        return DevServicesResultBuildItem.<FakeSchematicService>owned()
                .feature(SchematicProcessor.FEATURE)
                .serviceName("schematic")
                .description("Fake Schematic API and event capture (schematic-testkit)")
                // a changed port, flags file or file content gives a fresh fake on the next restart
                .serviceConfig(
                        new FakeSettings(port, flagsFile.map(Path::toString).orElse(""), seedHash))
                .startable(() -> new FakeSchematicService(port, flagsFile))
                .postStartHook(fake -> LOG.infof(
                        "Dev Services for Schematic started a fake Schematic on %s%s",
                        fake.getConnectionInfo(),
                        flagsFile
                                .map(f -> " with " + fake.flagCount() + " flags from " + f)
                                .orElse(" (no flags file: set " + FLAGS_FILE_KEY + " to seed flags)")))
                .configProvider(Map.of(
                        Catalogue.BASE_URL.name(), url,
                        Catalogue.EVENT_CAPTURE_URL.name(), url,
                        Catalogue.API_KEY.name(), fake -> DEV_API_KEY))
                .build();
    }

    /**
     * A relative flags file is looked up in the working directory, then in the project's directory (they differ when
     * Maven runs from a parent directory, e.g. {@code ./mvnw -f app/pom.xml quarkus:run}).
     */
    private static Path locate(Path file, OutputTargetBuildItem target) {
        Path inWorkingDirectory = file.toAbsolutePath();
        if (file.isAbsolute() || Files.exists(inWorkingDirectory)) {
            return inWorkingDirectory;
        }
        Path projectDirectory = target.getOutputDirectory().toAbsolutePath().getParent();
        Path inProject = projectDirectory == null ? null : projectDirectory.resolve(file);
        return inProject != null && Files.exists(inProject) ? inProject : inWorkingDirectory;
    }

    private static String contentHash(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConfigurationException(
                    FLAGS_FILE_KEY + ": file not found or not readable: " + file, Set.of(FLAGS_FILE_KEY));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What makes two fakes interchangeable across live reloads and test profiles. */
    record FakeSettings(int port, String flagsFile, String flagsFileSha256) {}
}
