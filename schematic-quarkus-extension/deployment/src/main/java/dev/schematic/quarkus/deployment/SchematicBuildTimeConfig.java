package dev.schematic.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Build-time switches of the Schematic extension (the SDK's own settings are {@code schematic.*}). */
@ConfigMapping(prefix = "quarkus.schematic")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SchematicBuildTimeConfig {

    /** Dev Services: a fake Schematic for dev and test mode. */
    DevServices devservices();

    /** Dev Services: a fake Schematic for dev and test mode. */
    interface DevServices {
        /**
         * Starts the test kit's fake Schematic in dev and test mode when {@code schematic.api-key} is not set (and
         * {@code schematic.offline} is not {@code true}), and points the SDK at it: {@code schematic.base-url}, {@code
         * schematic.event-capture-url} and a fake {@code schematic.api-key}.
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * A JSON file of flags (and optionally companies and users) the fake starts with; a relative path is looked up
         * in the working directory, then in the project's directory. For example {@code
         * {"flags":{"pdf-export":{"default":false,"companies":[{"keys":{"id":"acme"},"value":true}]}}}}. Without
         * it every flag is unknown to the fake, so checks return the flag defaults.
         */
        Optional<Path> flagsFile();

        /** The port the fake listens on, on 127.0.0.1; 0 picks a free port. */
        @WithDefault("0")
        int port();
    }
}
