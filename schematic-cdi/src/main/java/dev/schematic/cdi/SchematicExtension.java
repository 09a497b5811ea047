package dev.schematic.cdi;

import dev.schematic.SchematicConfigException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
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

    /**
     * The DataStream readiness check, only when the MicroProfile Health API is on the class path. A synthetic bean,
     * not an added annotated type: WildFly places a bean in the bean archive of its bean class, and its health
     * subsystem (a static module) does not see the archive of the SDK's jar (not a bean archive, no beans.xml), so a
     * check registered as an annotated type was injectable in the application but missing from {@code /health}.
     * {@link dev.schematic.internal.health.DataStreamHealthCheck#register} gives it the MicroProfile Health API's
     * {@code HealthCheck} as bean class instead, which every health implementation and the application see.
     */
    void registerHealthCheck(@Observes AfterBeanDiscovery discovery, BeanManager beans) {
        try {
            Class.forName(HEALTH_API, false, SchematicExtension.class.getClassLoader());
            dev.schematic.internal.health.DataStreamHealthCheck.register(discovery, beans);
        } catch (ClassNotFoundException | LinkageError e) {
            // no MicroProfile Health in this runtime: nothing to register
        }
    }

    static final String HEALTH_API = "org.eclipse.microprofile.health.HealthCheck";

    void validateConfig(@Observes AfterDeploymentValidation validation) {
        try {
            MicroProfileSettings.read(ConfigProvider.getConfig());
        } catch (SchematicConfigException e) {
            validation.addDeploymentProblem(e);
        }
    }
}
