package dev.schematic.webhooks;

import static dev.schematic.webhooks.WebhookSignatureFilterTest.now;
import static dev.schematic.webhooks.WebhookSignatureFilterTest.signed;
import static dev.schematic.webhooks.WebhookSignatureFilterTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code schematic.webhooks.body-timeout} in RESTEasy on Undertow, with raw sockets: a sender that trickles its body,
 * or stops sending, is answered 408 once the bound has passed, instead of holding a request thread until it is done.
 * The sockets' own read timeout (20 s) only keeps a broken test from hanging; the assertions are about the status and
 * about the answer coming long before the trickle would have ended.
 */
class WebhookBodyTimeoutTest {
    static final String SECRET = "whsec_slow";
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @Path("/")
    public static class Receiver {
        @POST
        @Path("hooks")
        @VerifiedSchematicWebhook
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String hooks(byte[] body) {
            CALLS.add("hooks");
            return "ok";
        }
    }

    static WebhookServer server;
    static final ExecutorService SENDERS = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        Config config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of("schematic.webhooks.secret", SECRET, "schematic.webhooks.body-timeout", "1s"),
                        "body-timeout-test",
                        500))
                .build();
        WebhookSignatureFilter filter = new WebhookSignatureFilter(() -> config, Clock.systemUTC());
        server = new WebhookServer(new Application() {
            @Override
            public Set<Object> getSingletons() {
                return Set.of(filter, new Receiver());
            }
        });
    }

    @AfterAll
    static void stop() {
        SENDERS.shutdownNow();
        server.close();
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    /** The head of a signed POST of {@code body} to /hooks, with its Content-Length. */
    static byte[] head(byte[] body, boolean close) {
        StringBuilder head = new StringBuilder("POST /hooks HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append(close ? "Connection: close\r\n" : "")
                .append("Content-Type: application/json\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        signed(body, now(), SECRET)
                .forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server answers before it closes the connection (or the socket's read timeout). */
    static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                answer.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // fall through with what arrived
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    record Outcome(String answer, long millis, int bytesSent) {}

    /** Sends the head, then {@code body} one byte every {@code gapMillis}, and reads the answer on the same socket. */
    static Outcome trickle(byte[] body, int gapMillis, int bytesToSend) throws Exception {
        return trickle(body, gapMillis, bytesToSend, true);
    }

    static Outcome trickle(byte[] body, int gapMillis, int bytesToSend, boolean close) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(body, close));
            out.flush();
            long start = System.nanoTime();
            Future<Integer> sender = SENDERS.submit(() -> {
                int sent = 0;
                try {
                    for (; sent < bytesToSend; sent++) {
                        out.write(body[sent]);
                        out.flush();
                        Thread.sleep(gapMillis);
                    }
                } catch (IOException | InterruptedException stopped) {
                    // the server closed the connection, or the test is over
                }
                return sent;
            });
            String answer = readAnswer(socket.getInputStream());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            socket.close();
            return new Outcome(answer, millis, sender.get(25, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTricklingSenderIsCutOffWith408() throws Exception {
        // 60 bytes at one per 200 ms would take 12 s; the bound is 1 s
        byte[] body = utf8("{\"action\":\"test.send\",\"body\":\"" + "x".repeat(28) + "\"}");
        Outcome outcome = trickle(body, 200, body.length);

        assertTrue(outcome.answer().startsWith("HTTP/1.1 408"), outcome.answer());
        assertTrue(outcome.answer().endsWith("{\"error\":\"Webhook body not received within 1s\"}"), outcome.answer());
        assertTrue(outcome.millis() < 6_000, "answered after " + outcome.millis() + " ms");
        assertTrue(outcome.bytesSent() < body.length, "sent " + outcome.bytesSent());
        assertEquals(List.of(), CALLS);
    }

    @Test
    void aSenderThatStopsSendingIsCutOffWith408() throws Exception {
        // 5 bytes of a 60-byte body, then silence: the blocked read is interrupted at the deadline
        byte[] body = utf8("{\"action\":\"test.send\",\"body\":\"" + "x".repeat(28) + "\"}");
        Outcome outcome = trickle(body, 1, 5, false);

        assertTrue(outcome.answer().startsWith("HTTP/1.1 408"), outcome.answer());
        // the client asked for nothing, yet the server closed the connection: the rest of the body is not awaited
        assertTrue(
                outcome.answer().toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"),
                outcome.answer());
        assertTrue(outcome.millis() < 6_000, "answered after " + outcome.millis() + " ms");
        assertEquals(List.of(), CALLS);
    }

    @Test
    void aPromptSenderOnTheSameServerIsUnaffected() throws Exception {
        byte[] body = utf8("{\"action\":\"test.send\"}");
        Outcome outcome = trickle(body, 0, body.length);
        assertTrue(outcome.answer().startsWith("HTTP/1.1 200"), outcome.answer());
        assertEquals(List.of("hooks"), CALLS);
    }

    @Test
    void theRequestThreadIsNotLeftInterrupted() throws Exception {
        // after a cut-off stall, the next requests (likely on the same worker threads) still read their bodies
        trickle(utf8("{\"action\":\"test.send\",\"body\":\"" + "x".repeat(28) + "\"}"), 1, 5);
        for (int i = 0; i < 4; i++) {
            byte[] body = utf8("{\"action\":\"test.send\"}");
            assertEquals(
                    200,
                    server.post("/hooks", body, signed(body, now(), SECRET)).status());
        }
    }
}
