package dev.schematic.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theDemoPrintsChecksFromApiCacheAndDefaultsAndDeliversItsEvents() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*new-editor\\s+company \\{id=acme}\\s+-> true\\s+\\[API].*"), out);
        assertTrue(out.matches("(?s).*new-editor\\s+company \\{id=acme}\\s+-> true\\s+\\[CACHE].*"), out);
        assertTrue(out.matches("(?s).*new-editor\\s+company \\{id=globex}\\s+-> false\\s+\\[API].*"), out);
        assertTrue(out.matches("(?s).*checkout-v2 .*-> true\\s+\\[DEFAULT] Flag not found.*"), out);
        assertTrue(out.matches("(?s).*usage-billing .*-> false\\s+\\[DEFAULT] Error occurred.*503.*"), out);
        assertTrue(out.contains("fake received identify"), out);
        assertTrue(out.contains("fake received track"), out);
        assertTrue(out.contains("2 submitted, 2 delivered, 0 dropped, 0 failed"), out);
    }
}
