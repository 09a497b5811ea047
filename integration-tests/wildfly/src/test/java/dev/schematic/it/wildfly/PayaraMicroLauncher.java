package dev.schematic.it.wildfly;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Starts Payara Micro ({@code payara.micro.jar}, on the test JVM's Java) with one WAR and reads its output until the
 * deployment has failed or the server is ready, then stops it. For deployments expected to fail, which Arquillian's
 * Payara Micro container does not report (see {@link LifecycleIT}). Test JVM only.
 */
final class PayaraMicroLauncher {
    private PayaraMicroLauncher() {}

    /** The server's output up to the failed deployment; fails if the server came up with the application instead. */
    static String deployAndReadFailure(WebArchive war, Duration timeout) throws Exception {
        Path dir = Files.createTempDirectory("payara-micro-deploy-");
        Path file = dir.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        Process payara = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        System.getProperty("payara.micro.jar"),
                        "--deploy",
                        file.toString(),
                        "--port",
                        Integer.toString(freePort()),
                        "--nocluster",
                        "--nohazelcast"))
                .redirectErrorStream(true)
                .start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readUntilDone(payara));
            String said = output.get(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!said.contains("Exception") && !said.contains("SEVERE")) {
                throw new AssertionError("Payara Micro deployed " + war.getName() + " without an error:\n" + said);
            }
            return said;
        } finally {
            payara.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Lines until Payara Micro says it is ready (with or without the application) or exits. */
    private static String readUntilDone(Process payara) {
        StringBuilder said = new StringBuilder();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(payara.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                said.append(line).append('\n');
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    break;
                }
            }
        } catch (IOException e) {
            said.append(e);
        }
        return said.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
