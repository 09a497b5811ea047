package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** FakeSchematicExtension fails a test after it ends when the fake recorded a contract violation (strict default). */
class ExtensionContractTest {

    /** Run only by {@link #run(Class)}: its test sends a request the spec rejects. */
    @Disabled("run by ExtensionContractTest, which turns conditions off")
    static class StrictInner {
        @RegisterExtension
        static FakeSchematicExtension fake = new FakeSchematicExtension();

        @Test
        void sendsABadRequest() {
            assertEquals(
                    201,
                    new Http(fake.server())
                            .post("/flags/check-bulk", "{\"contexts\":[]}")
                            .status());
        }
    }

    /** Same test with the opt-out. */
    @Disabled("run by ExtensionContractTest, which turns conditions off")
    static class LenientInner {
        @RegisterExtension
        static FakeSchematicExtension fake = new FakeSchematicExtension().allowContractViolations();

        @Test
        void sendsABadRequest() {
            new Http(fake.server()).post("/flags/check-bulk", "{\"contexts\":[]}");
            assertEquals(1, fake.contractViolations().size(), "still recorded");
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.conditions.deactivate", "*")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    @Test
    void strictByDefault() {
        TestExecutionSummary summary = run(StrictInner.class);
        assertEquals(1, summary.getTestsFailedCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertTrue(failure.getMessage().contains("OpenAPI contract violation"), failure.getMessage());
        assertTrue(failure.getMessage().contains("checkFlagsBulk"), failure.getMessage()); // minItems 1
    }

    @Test
    void optOutKeepsTheTestGreen() {
        TestExecutionSummary summary = run(LenientInner.class);
        assertEquals(1, summary.getTestsSucceededCount());
        assertEquals(0, summary.getTestsFailedCount());
    }
}
