package dev.schematic.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.RequestOptions;
import dev.schematic.SchematicApiException;
import dev.schematic.SchematicConfigException;
import dev.schematic.api.companies.CompaniesApi;
import dev.schematic.internal.config.Catalogue;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RestClients keeps a bounded number of clients; requests beyond it still work (one-call clients). */
class RestClientsBoundTest {

    @Test
    void manyDistinctTimeoutsKeepABoundedNumberOfClientsAndAllWork() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            SchematicConfig config = SchematicConfig.read(
                    Map.of(Catalogue.API_KEY.name(), "sch_dev_test_key", Catalogue.BASE_URL.name(), fake.baseUrl()));
            try (RestClients clients = new RestClients(config, List.of())) {
                int calls = RestClients.MAX_CACHED * 2;
                for (int i = 0; i < calls; i++) {
                    CompaniesApi api = clients.client(
                            dev.schematic.api.companies.CompaniesHttp.class,
                            RequestOptions.timeout(Duration.ofMillis(5000 + i)).withMaxRetries(i % 2));
                    assertThrows(SchematicApiException.NotFound.class, () -> api.getCompany("comp_missing"));
                }
                assertEquals(
                        calls, fake.requests("GET", "/companies/comp_missing").size(), "every call was made");
                assertTrue(
                        clients.cachedClients() <= RestClients.MAX_CACHED * 2,
                        "kept " + clients.cachedClients() + " clients");
            }
        }
    }

    @Test
    void startBuildsTheCheckClientsOfEveryDeadlineStep() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            SchematicConfig config = SchematicConfig.read(Map.of(
                    Catalogue.API_KEY.name(), "sch_dev_test_key",
                    Catalogue.BASE_URL.name(), fake.baseUrl(),
                    Catalogue.CACHE_ENABLED.name(), "false"));
            try (RestClients clients = new RestClients(config, List.of())) {
                var checks = new dev.schematic.internal.flags.FlagChecks(
                        false,
                        t -> clients.singleAttempt(dev.schematic.api.features.FeaturesHttp.class, t),
                        new dev.schematic.internal.flags.FlagCheckCache(false, 0, Duration.ZERO),
                        new dev.schematic.internal.flags.FlagDefaults(Map.of()),
                        config.checks(),
                        0,
                        new RetryPolicy(0, Duration.ZERO));
                checks.prepare();
                assertEquals(3, clients.cachedClients(), "1 s, 500 ms and 250 ms");
                assertEquals(0, fake.requestCount(), "no request");
            }
        }
    }

    @Test
    void theConnectTimeoutIsReadAndValidated() {
        SchematicConfig config = SchematicConfig.read(Map.of(
                Catalogue.API_KEY.name(), "k",
                Catalogue.CONNECT_TIMEOUT.name(), "250ms"));
        assertEquals(Duration.ofMillis(250), config.connectTimeout());
        var e = assertThrows(
                SchematicConfigException.class,
                () -> SchematicConfig.read(Map.of(
                        Catalogue.API_KEY.name(), "k",
                        Catalogue.CONNECT_TIMEOUT.name(), "soon")));
        assertTrue(e.getMessage().contains("schematic.connect-timeout"), e.getMessage());
    }
}
