package dev.schematic.cdi;

import dev.schematic.SchematicConfigException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Registers the SDK's beans in any CDI 4 container without a beans.xml in the SDK's jar (a jar with a portable
 * extension is not a bean archive), and fails deployment when the {@code schematic.*} configuration is invalid, with
 * a message naming the key.
 */
public class SchematicExtension implements Extension {

    void registerBeans(@Observes BeforeBeanDiscovery discovery, BeanManager beans) {
        discovery.addAnnotatedType(
                beans.createAnnotatedType(SchematicProducer.class), SchematicProducer.class.getName());
    }

    void validateConfig(@Observes AfterDeploymentValidation validation) {
        try {
            MicroProfileSettings.read(ConfigProvider.getConfig());
        } catch (SchematicConfigException e) {
            validation.addDeploymentProblem(e);
        }
    }
}
