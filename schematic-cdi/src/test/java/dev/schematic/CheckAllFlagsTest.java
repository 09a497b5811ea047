package dev.schematic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.testkit.FakeSchematic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** {@code checkFlags} with no keys (an empty list or null) means "every flag" on the REST path (issue 13 item 4). */
class CheckAllFlagsTest {
    static final Map<String, String> ACME = Map.of("id", "acme");

    @ParameterizedTest(name = "checkFlags({0}) returns every flag the API knows")
    @NullAndEmptySource
    void noKeysMeansEveryFlag(List<String> keys) {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("a").defaultValue(true);
            fake.flag("b").defaultValue(false).forCompany(ACME, true);
            fake.flag("c").defaultValue(false);
            try (Schematic s = Clients.against(fake).build()) {
                List<FlagCheck> all = s.checkFlags(keys, ACME, Map.of());
                Map<String, Boolean> values = all.stream().collect(Collectors.toMap(FlagCheck::flag, FlagCheck::value));
                assertEquals(Map.of("a", true, "b", true, "c", false), values);
                assertTrue(all.stream().allMatch(c -> c.source() == FlagCheck.Source.API));
                assertEquals(1, fake.requests("POST", "/flags/check").size(), "one request");
            }
        }
    }

    @ParameterizedTest(name = "checkFlags({0}) with the API down returns every known default, not an empty list")
    @NullAndEmptySource
    void noKeysWithTheApiDownMeansEveryKnownDefault(List<String> keys) {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.failNext("/flags", 10, 503);
            try (Schematic s = Clients.against(fake)
                    .maxRetries(0)
                    .flagDefault("x", true)
                    .flagDefault("y", false)
                    .build()) {
                List<FlagCheck> all = s.checkFlags(keys == null ? null : new ArrayList<>(keys), ACME, Map.of());
                assertEquals(Set.of("x", "y"), all.stream().map(FlagCheck::flag).collect(Collectors.toSet()));
                assertTrue(all.stream().allMatch(c -> c.source() == FlagCheck.Source.DEFAULT));
            }
        }
    }
}
