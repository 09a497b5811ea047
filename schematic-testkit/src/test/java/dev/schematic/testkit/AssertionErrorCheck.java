package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that an action fails with an AssertionError whose message contains a text. */
final class AssertionErrorCheck {
    private AssertionErrorCheck() {}

    static void expect(Runnable action, String messagePart) {
        AssertionError e = assertThrows(AssertionError.class, action::run);
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
