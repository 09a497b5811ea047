package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class MissingToolTest {
    static final String MISSING = "redis-server is not installed; on Debian/Ubuntu: apt-get install -y redis-server";

    @Test
    void nothingMissingDoesNothing() {
        assertDoesNotThrow(() -> MissingTool.skipOrFail(null, Map.of("CI", "true")));
        assertDoesNotThrow(() -> MissingTool.skipOrFail(null, Map.of()));
    }

    @Test
    void developerMachineSkipsWithTheInstallHint() {
        TestAbortedException e =
                assertThrows(TestAbortedException.class, () -> MissingTool.skipOrFail(MISSING, Map.of()));
        assertTrue(e.getMessage().contains("apt-get install -y redis-server"), e.getMessage());
        assertThrows(TestAbortedException.class, () -> MissingTool.skipOrFail(MISSING, Map.of("CI", "false")));
    }

    @Test
    void ciFailsInsteadOfSkipping() {
        AssertionFailedError e =
                assertThrows(AssertionFailedError.class, () -> MissingTool.skipOrFail(MISSING, Map.of("CI", "true")));
        assertTrue(e.getMessage().contains("CI=true"), e.getMessage());
        assertTrue(e.getMessage().contains("redis-server"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> MissingTool.skipOrFail(MISSING, Map.of("CI", "TRUE")));
    }
}
