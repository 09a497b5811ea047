package dev.schematic.it.wildfly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploy and undeploy: what the SDK does when the server starts and stops the application. The shop is deployed by the
 * tests themselves ({@code managed = false}); a separate probe deployment reports the server's threads after the shop
 * is gone. On Payara Micro, Arquillian runs one Payara Micro process per deployment (the probe cannot run beside the
 * shop) and undeploy stops that process: there the test asserts the process is gone instead.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {
    private static final String SHOP = "lifecycle-shop";
    private static final String MISCONFIGURED = "misconfigured-shop";
    private static final String WITHOUT_WEBHOOK_SECRET = "shop-without-webhook-secret";
    private static final String PROBE = "probe";

    @Deployment(name = PROBE, managed = false, testable = false)
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
    void undeployingTheApplicationStopsEveryThreadItStarted() throws InterruptedException {
        fake.flag("cached-flag").defaultValue(true);
        boolean probeBeside = !Servers.isPayaraMicro();
        if (probeBeside) {
            deployer.deploy(PROBE);
        }
        try {
            deployer.deploy(SHOP);
            Set<String> loaders;
            Set<String> whileDeployed;
            try {
                ShopClient shop = ShopClient.forContext(SHOP);
                shop.use("thread-co", "export", "u-1", 1, 1);
                awaitCacheStarted(shop);
                loaders = Set.copyOf(
                        shop.get("api/threads/loaders").body().lines().toList());
                whileDeployed = threadsOf(shop.get("api/threads"), loaders);
            } finally {
                deployer.undeploy(SHOP);
            }
            assertTrue(
                    whileDeployed.stream().anyMatch(name -> name.startsWith("schematic-event-flusher")),
                    () -> "the shop's threads should include the SDK's while deployed: " + whileDeployed);

            if (!probeBeside) {
                // Payara Micro: undeploy stopped the server's JVM, so no thread of the application can outlive it
                assertServerGone();
                return;
            }
            ShopClient probe = ShopClient.forContext(PROBE);
            Set<String> left = threadsOf(probe.get("threads"), loaders);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
                left = threadsOf(probe.get("threads"), loaders);
            }
            assertEquals(Set.of(), left, "threads started by the undeployed application (was: " + whileDeployed + ")");
        } finally {
            if (probeBeside) {
                deployer.undeploy(PROBE);
            }
        }
    }

    @Test
    void aDeploymentWithAnInvalidSchematicValueFailsWithAMessageNamingTheKey() throws Exception {
        String messages = deploymentFailure(MISCONFIGURED, misconfigured());

        assertTrue(messages.contains("schematic.events.batch-size"), messages);
        assertTrue(messages.contains("SCHEM104"), messages);
    }

    @Test
    void aDeploymentWithAVerifiedWebhookEndpointButNoSecretFailsWithAMessageNamingTheKey() throws Exception {
        String messages = deploymentFailure(WITHOUT_WEBHOOK_SECRET, withoutWebhookSecret());

        assertTrue(messages.contains("SCHEM401"), messages);
        assertTrue(messages.contains("schematic.webhooks.secret"), messages);
    }

    /**
     * Deploys {@code war}, expecting the deployment to fail, and returns what the server said. On Payara Micro the
     * WAR is deployed by starting Payara Micro with it (as Arquillian does) and reading the server's output: the
     * Arquillian container does not report a failed deployment (it waited for its 300 s startup timeout and left the
     * Payara Micro process running).
     */
    private String deploymentFailure(String name, WebArchive war) throws Exception {
        if (!Servers.isPayaraMicro()) {
            return messages(assertThrows(Exception.class, () -> deployer.deploy(name)));
        }
        return PayaraMicroLauncher.deployAndReadFailure(war, Duration.ofMinutes(6));
    }

    /**
     * Undeploy returns once the application has stopped, so this normally returns at once; on Payara Micro undeploy
     * only signals the server's JVM to stop (the flush runs in its shutdown), hence the 30 s bound.
     */
    private List<CapturedEvent> awaitTracked(String companyId, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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

    /**
     * Live threads whose context class loader is one of the deployment's ({@code loaders}: identity hashes from its
     * {@code api/threads/loaders}): the deployment, or what it called, made them (a thread inherits its creator's loader).
     */
    private static Set<String> threadsOf(ShopClient.Answer threads, Set<String> loaders) {
        assertEquals(200, threads.status(), threads.body());
        return threads.body()
                .lines()
                .map(line -> line.split("\t"))
                .filter(columns -> columns.length == 3 && loaders.contains(columns[2]))
                .map(columns -> columns[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Nothing answers on the HTTP port any more (bounded wait: the JVM may take a moment to exit). */
    private static void assertServerGone() throws InterruptedException {
        int port = Integer.getInteger("it.http.port");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (IOException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server still accepts connections on " + port + " after undeploy");
            }
            Thread.sleep(200);
        }
    }

    private static void awaitCacheStarted(ShopClient shop) throws InterruptedException {
        // a bound, not a speed claim (see ShopOverHttpIT: a cold start under load took over 15 s)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"CACHE".equals(shop.flag("thread-co", "cached-flag").getString("source"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the flag-check cache did not start within 60 s");
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
