package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.AsyncSchematic;
import dev.schematic.CheckOptions;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import dev.schematic.SchematicSettings;
import jakarta.enterprise.concurrent.ManageableThread;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.infinispan.commons.util.Version;
import org.infinispan.manager.DefaultCacheManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside WildFly, in the shop application: the SDK's beans are injected like any CDI bean and configured from
 * the WAR's {@code META-INF/microprofile-config.properties}. (This class cannot reach the fake's programming API,
 * which lives in the test JVM; {@link ShopOverHttpIT} covers that side.)
 */
@ExtendWith(ArquillianExtension.class)
class InContainerIT {

    @Deployment
    static WebArchive shop() {
        return AppArchives.shop(
                        "in-container",
                        Map.of(
                                "schematic.timeout", "7s",
                                "schematic.max-retries", "1",
                                "schematic.events.batch-size", "50",
                                "schematic.flag-defaults.beta-dashboard", "true"))
                .addClass(Servers.class);
    }

    @Inject
    Schematic schematic;

    @Inject
    AsyncSchematic async;

    @Test
    void theApplicationGetsSchematicAndAsyncSchematicInjected() {
        assertNotNull(schematic);
        assertNotNull(async);
        assertSame(schematic.config(), async.sync().config(), "both views share one client");
    }

    @Test
    void theConfigurationComesFromTheWarsMicroprofileConfigProperties() {
        SchematicSettings config = schematic.config();
        assertEquals(Duration.ofSeconds(7), config.timeout());
        assertEquals(1, config.maxRetries());
        assertEquals(50, config.events().batchSize());
        assertEquals(Map.of("beta-dashboard", true), config.flagDefaults());
        assertTrue(config.baseUrl().toString().startsWith("http://127.0.0.1:"), config.baseUrl()::toString);
        assertEquals(config.baseUrl(), config.eventCaptureUrl());
    }

    @Test
    void theAsyncClientRunsItsWorkOnTheServersManagedExecutor() throws Exception {
        // a task on the server's managed executor runs in the application's component context: java:comp resolves
        Map.Entry<Thread, Object> worker = async.api(api -> Map.entry(Thread.currentThread(), lookUpExecutor()))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Thread thread = worker.getKey();

        assertTrue(worker.getValue() instanceof ManagedExecutorService, () -> thread.getName() + ": " + worker);
        if (Servers.isLiberty()) {
            // Open Liberty runs managed tasks on its shared "Default Executor" pool, whose threads do not implement
            // ManageableThread (that interface is for threads of a ManagedThreadFactory)
            assertTrue(
                    thread.getName().startsWith("Default Executor-thread-"),
                    () -> thread.getName() + " is not a thread of Liberty's Default Executor");
        } else {
            assertTrue(
                    thread instanceof ManageableThread,
                    () -> thread.getName() + " is not a Jakarta Concurrency managed thread");
        }
        if (Servers.isWildFly()) {
            assertTrue(
                    thread.getName().startsWith("EE-ManagedExecutorService-default"),
                    () -> thread.getName() + " is not a thread of WildFly's default ManagedExecutorService");
        }
    }

    private static Object lookUpExecutor() {
        try {
            return new InitialContext().lookup("java:comp/DefaultManagedExecutorService");
        } catch (NamingException e) {
            return e;
        }
    }

    @Test
    void anAsyncFlagCheckOfAFlagSchematicDoesNotKnowCompletesWithTheConfiguredDefault() throws Exception {
        FlagCheck check = async.checkFlagDetailed("beta-dashboard", Map.of("id", "acme"), Map.of(), CheckOptions.NONE)
                .toCompletableFuture()
                .get(20, TimeUnit.SECONDS);

        assertTrue(check.value(), check::toString);
        assertEquals(FlagCheck.Source.DEFAULT, check.source(), check::toString);
    }

    @Test
    void theSdkUsesItsOwnInfinispanFromWebInfLibNotWildFlysModules() {
        ClassLoader loader = DefaultCacheManager.class.getClassLoader();

        assertSame(Schematic.class.getClassLoader(), loader, "Infinispan and the SDK share the deployment's loader");
        if (Servers.isWildFly()) {
            assertTrue(loader.toString().contains("deployment.in-container.war"), loader::toString);
        }
        assertTrue(Version.getVersion().startsWith("16.0.9"), Version::getVersion);
    }
}
