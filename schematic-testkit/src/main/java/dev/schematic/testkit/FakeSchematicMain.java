package dev.schematic.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeSchematic} standalone until the process is killed:
 *
 * <pre>
 * java -cp schematic-testkit.jar:parsson.jar:jakarta.json-api.jar dev.schematic.testkit.FakeSchematicMain [port] [seed.json]
 * </pre>
 *
 * <p>{@code port} defaults to {@code 0} (a random free port). The optional seed file uses the format of {@link
 * FakeSchematic#seed(jakarta.json.JsonObject)}, e.g. {@code {"flags":{"beta":{"default":true,"companies":[{"keys":
 * {"id":"acme"},"value":false}]}}}}. Prints {@code FakeSchematic listening on http://127.0.0.1:<port>} on stdout.
 */
public final class FakeSchematicMain {
    private FakeSchematicMain() {}

    public static void main(String[] args) throws Exception {
        int port = 0;
        Path seed = null;
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println("usage: FakeSchematicMain [port] [seed.json]");
                return;
            }
            if (arg.matches("\\d+")) {
                port = Integer.parseInt(arg);
            } else {
                seed = Path.of(arg);
            }
        }
        if (seed != null && !Files.isReadable(seed)) {
            System.err.println("seed file not readable: " + seed);
            System.exit(2);
        }
        FakeSchematic fake = FakeSchematic.start(port);
        if (seed != null) {
            fake.seed(seed);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            fake.close();
                            stopped.countDown();
                        },
                        "fake-schematic-shutdown"));
        System.out.println("FakeSchematic listening on " + fake.baseUrl()
                + (seed == null ? "" : " (seeded " + fake.flags().size() + " flags from " + seed + ")"));
        System.out.flush();
        stopped.await();
    }
}
