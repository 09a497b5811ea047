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
        registerIfPresent(discovery, beans, "org.eclipse.microprofile.health.HealthCheck", HEALTH_CHECK);
    }

    /** The DataStream readiness check; only loaded when the MicroProfile Health API is on the class path. */
    static final String HEALTH_CHECK = "dev.schematic.datastream.DataStreamHealthCheck";

    private static void registerIfPresent(BeforeBeanDiscovery discovery, BeanManager beans, String api, String type) {
        ClassLoader loader = SchematicExtension.class.getClassLoader();
        try {
            Class.forName(api, false, loader);
            Class<?> bean = Class.forName(type, false, loader);
            discovery.addAnnotatedType(beans.createAnnotatedType(bean), bean.getName());
        } catch (ClassNotFoundException | LinkageError e) {
            // no MicroProfile Health in this runtime: nothing to register
        }
    }

    void validateConfig(@Observes AfterDeploymentValidation validation) {
        try {
            MicroProfileSettings.read(ConfigProvider.getConfig());
        } catch (SchematicConfigException e) {
            validation.addDeploymentProblem(e);
        }
    }
}
