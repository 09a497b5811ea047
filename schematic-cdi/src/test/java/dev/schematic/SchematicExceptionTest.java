package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import dev.schematic.webhooks.WebhookPayloadException;
import dev.schematic.webhooks.WebhookSignatureException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Everything the SDK throws is a {@link SchematicException} (issue 14). */
class SchematicExceptionTest {

    @Test
    void everyPublicExceptionExtendsTheBase() {
        for (Class<?> c : new Class<?>[] {
            SchematicApiException.class,
            SchematicApiException.NotFound.class,
            SchematicNetworkException.class,
            SchematicOfflineException.class,
            SchematicClosedException.class,
            SchematicConfigException.class,
            WebhookSignatureException.class,
            WebhookPayloadException.class
        }) {
            assertTrue(SchematicException.class.isAssignableFrom(c), c.getName());
        }
    }

    @Test
    void aNetworkFailureIsASchematicNetworkExceptionNotAProcessingException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: connections are refused
        }
        for (int retries : new int[] {0, 1}) {
            try (Schematic s = Schematic.builder()
                    .apiKey("sch_dev_x")
                    .baseUrl("http://127.0.0.1:" + port)
                    .maxRetries(retries)
                    .retryBackoff(Duration.ofMillis(10))
                    .build()) {
                SchematicException e = assertThrows(
                        SchematicException.class, () -> s.companies().getCompany("c"));
                assertInstanceOf(SchematicNetworkException.class, e, "retries=" + retries);
                assertEquals(
                        "jakarta.ws.rs.ProcessingException",
                        e.getCause().getClass().getName());
            }
        }
    }

    @Test
    void offlineClosedAndApiErrorsAreSchematicExceptions() {
        try (Schematic offline = Schematic.builder().offline(true).build()) {
            assertThrows(SchematicOfflineException.class, () -> offline.plans().listPlans());
        }
        try (FakeSchematic fake = FakeSchematic.start()) {
            Schematic s = Clients.against(fake).build();
            SchematicApiException notFound = assertThrows(
                    SchematicApiException.class, () -> s.companies().getCompany("missing"));
            assertEquals(404, notFound.status());
            s.close();
            assertThrows(SchematicClosedException.class, () -> s.companies().getCompany("c"));
        }
        assertThrows(SchematicConfigException.class, () -> Schematic.builder().build(), "no API key");
    }
}
