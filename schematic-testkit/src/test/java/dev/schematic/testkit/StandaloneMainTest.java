package dev.schematic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneMainTest {
    static final String SEED = "{\"flags\":{"
            + "\"beta\":{\"default\":true,\"companies\":[{\"keys\":{\"id\":\"acme\"},\"value\":false}],"
            + "\"users\":[{\"keys\":{\"email\":\"vip@acme.test\"},\"value\":true,\"id\":\"rule_vip\",\"name\":\"VIPs\"}]},"
            + "\"simple\":true},"
            + "\"companies\":[{\"keys\":{\"id\":\"acme\"},\"name\":\"Acme\"}],"
            + "\"users\":[{\"keys\":{\"email\":\"vip@acme.test\"},\"name\":\"Vip\",\"company\":{\"id\":\"acme\"}}]}";

    @Test
    void seedFileFormat(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, SEED);
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.seed(seed);
            Http http = new Http(fake);
            assertTrue(http.post("/flags/beta/check", "{}").data().getBoolean("value"));
            assertFalse(http.post("/flags/beta/check", "{\"company\":{\"id\":\"acme\"}}")
                    .data()
                    .getBoolean("value"));
            JsonObject vip = http.post(
                            "/flags/beta/check",
                            "{\"company\":{\"id\":\"acme\"},\"user\":{\"email\":\"vip@acme.test\"}}")
                    .data();
            assertTrue(vip.getBoolean("value"));
            assertEquals("Matched company override rule \"VIPs\" (rule_vip)", vip.getString("reason"));
            assertEquals(fake.users().get(0).getString("id"), vip.getString("user_id"));
            assertTrue(http.post("/flags/simple/check", "{}").data().getBoolean("value"));
            assertEquals(1, fake.companies().size());
            assertEquals(
                    1, fake.users().get(0).getJsonArray("company_memberships").size());
        }
    }

    @Test
    void runsStandaloneAndPrintsItsUrl(@TempDir Path dir) throws Exception {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, SEED);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FakeSchematicMain.class.getName(),
                        "0",
                        seed.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("FakeSchematic listening on http://127.0.0.1:"), line);
            String url = line.split(" ")[3];
            int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
            Http http = new Http(url);
            Http.Reply r = http.post("/flags/check", "{}");
            assertEquals(201, r.status());
            List<String> keys = r.data().getJsonArray("flags").getValuesAs(JsonObject.class).stream()
                    .map(f -> f.getString("flag"))
                    .toList();
            assertEquals(List.of("beta", "simple"), keys);
            assertTrue(port > 0);
        } finally {
            process.destroy();
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "exits when killed");
        }
    }

    @Test
    void unknownSeedFlagShapeIsRejected() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> fake.seed(JsonSupport.parseObject("{\"flags\":{\"x\":\"yes\"}}")));
            assertTrue(e.getMessage().contains("flag x"), e.getMessage());
        }
    }
}
