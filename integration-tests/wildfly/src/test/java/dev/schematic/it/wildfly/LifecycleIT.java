package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploy and undeploy: what the SDK does when WildFly starts and stops the application. The shop is deployed by the
 * tests themselves ({@code managed = false}); a separate probe deployment reports the server's threads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {
    private static final String SHOP = "lifecycle-shop";
    private static final String MISCONFIGURED = "misconfigured-shop";
    private static final String WITHOUT_WEBHOOK_SECRET = "shop-without-webhook-secret";
    private static final String PROBE = "probe";

    @Deployment(name = PROBE, testable = false)
    static WebArchive probe() {
        return AppArchives.threadsProbe();
    }

    /** Events are sent only when 100 are waiting or once an hour: whatever is queued at undeploy must be flushed. */
    @Deployment(name = SHOP, managed = false, testable = false)
    static WebArchive shop() {
        return AppArchives.shop(
                SHOP,
                Map.of(
                        "schematic.events.batch-size", "100",
                        "schematic.events.flush-interval", "1h"));
    }

    @Deployment(name = MISCONFIGURED, managed = false, testable = false)
    static WebArchive misconfigured() {
        return AppArchives.shop(MISCONFIGURED, Map.of("schematic.events.batch-size", "lots"));
    }

    /** The shop's webhook resource is a {@code @VerifiedSchematicWebhook} endpoint, but its secret is empty. */
    @Deployment(name = WITHOUT_WEBHOOK_SECRET, managed = false, testable = false)
    static WebArchive withoutWebhookSecret() {
        return AppArchives.shop(WITHOUT_WEBHOOK_SECRET, Map.of("schematic.webhooks.secret", ""));
    }

    @ArquillianResource
    Deployer deployer;

    FakeSchematic fake;

    @BeforeEach
    void resetFake() {
        fake = FakeServer.get().reset();
    }

    @Test
    void undeployingTheApplicationDeliversEveryQueuedEventFirst() {
        // slow capture answers keep batches in flight at undeploy too, not only queued ones
        fake.delay("/batch", Duration.ofMillis(300));
        deployer.deploy(SHOP);
        int beforeUndeploy;
        try {
            ShopClient shop = ShopClient.forContext(SHOP);
            assertEquals(202, shop.use("flush-co", "export", "u-1", 1, 250).status());
            assertEquals(250, shop.eventStats().getInt("submitted"));
            beforeUndeploy = tracked("flush-co").size();
        } finally {
            deployer.undeploy(SHOP);
        }

        assertTrue(beforeUndeploy < 250, "events still queued when undeploy started: " + (250 - beforeUndeploy));
        List<CapturedEvent> delivered = awaitTracked("flush-co", 250);
        assertEquals(250, delivered.size(), "events delivered after undeploy");
        Set<Integer> sequence = delivered.stream()
                .map(e -> e.body().getJsonObject("traits").getInt("seq"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(250, sequence.size(), "every event exactly once");
    }

    @Test
    void undeployingTheApplicationStopsEveryThreadItStarted(
            @ArquillianResource @OperateOnDeployment(PROBE) URL probeUrl) throws InterruptedException {
        ShopClient probe = new ShopClient(probeUrl);
        fake.flag("cached-flag").defaultValue(true);
        deployer.deploy(SHOP);
        Set<String> whileDeployed;
        try {
            ShopClient shop = ShopClient.forContext(SHOP);
            shop.use("thread-co", "export", "u-1", 1, 1);
            awaitCacheStarted(shop);
            whileDeployed = threadsOf(probe, SHOP);
        } finally {
            deployer.undeploy(SHOP);
        }
        assertTrue(
                whileDeployed.stream().anyMatch(name -> name.startsWith("schematic-event-flusher")),
                () -> "the probe should have seen the SDK's threads while deployed: " + whileDeployed);

        Set<String> left = threadsLeft(probe);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = threadsLeft(probe);
        }
        assertEquals(Set.of(), left, "threads started by the undeployed application (was: " + whileDeployed + ")");
    }

    @Test
    void aDeploymentWithAnInvalidSchematicValueFailsWithAMessageNamingTheKey() {
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(MISCONFIGURED));

        String messages = messages(failure);
        assertTrue(messages.contains("schematic.events.batch-size"), messages);
        assertTrue(messages.contains("SCHEM104"), messages);
    }

    @Test
    void aDeploymentWithAVerifiedWebhookEndpointButNoSecretFailsWithAMessageNamingTheKey() {
        Exception failure = assertThrows(Exception.class, () -> deployer.deploy(WITHOUT_WEBHOOK_SECRET));

        String messages = messages(failure);
        assertTrue(messages.contains("SCHEM401"), messages);
        assertTrue(messages.contains("schematic.webhooks.secret"), messages);
    }

    /** Undeploy returns once the application has stopped, so this normally returns at once. */
    private List<CapturedEvent> awaitTracked(String companyId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<CapturedEvent> tracked = tracked(companyId);
        while (tracked.size() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            tracked = tracked(companyId);
        }
        return tracked;
    }

    private List<CapturedEvent> tracked(String companyId) {
        return fake.events("track").stream()
                .filter(e -> Map.of("id", companyId).equals(e.companyKeys()))
                .toList();
    }

    private static Set<String> threadsLeft(ShopClient probe) {
        return threadsOf(probe, SHOP);
    }

    /** Live threads whose context class loader is the deployment's: the deployment (or what it called) made them. */
    private static Set<String> threadsOf(ShopClient probe, String deployment) {
        String loader = "deployment." + deployment + ".war";
        return probe.get("threads")
                .body()
                .lines()
                .filter(line -> line.contains(loader))
                .map(line -> line.substring(0, line.indexOf('\t')))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static void awaitCacheStarted(ShopClient shop) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"CACHE".equals(shop.flag("thread-co", "cached-flag").getString("source"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the flag-check cache did not start within 15 s");
            }
            Thread.sleep(100);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
