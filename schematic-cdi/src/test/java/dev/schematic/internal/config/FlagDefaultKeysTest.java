package dev.schematic.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.schematic.SchematicConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlagDefaultKeysTest {
    @Test
    void environmentNamesMapToKebabCaseFlagKeys() {
        assertEquals(Optional.of("pdf-export"), FlagDefaultKeys.flagOfEnvName("SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT"));
        assertEquals(Optional.of("beta"), FlagDefaultKeys.flagOfEnvName("SCHEMATIC_FLAG_DEFAULTS_BETA"));
        assertEquals(Optional.empty(), FlagDefaultKeys.flagOfEnvName("SCHEMATIC_FLAG_DEFAULTS"));
        assertEquals(Optional.empty(), FlagDefaultKeys.flagOfEnvName("SCHEMATIC_FLAG_DEFAULTS_"));
        assertEquals(Optional.empty(), FlagDefaultKeys.flagOfEnvName("schematic.flag-defaults.x"));
    }

    @Test
    void theListFormReadsEveryEntry() {
        assertEquals(
                Map.of("pdf-export", true, "beta", false, "Mixed_Case", true),
                FlagDefaultKeys.parseList(
                        "schematic.flag-defaults", " pdf-export=true, beta = FALSE,,Mixed_Case=true"));
    }

    @Test
    void aBadListEntryNamesTheKeyAndTheEntry() {
        var noEquals = assertThrows(
                SchematicConfigException.class, () -> FlagDefaultKeys.parseList("schematic.flag-defaults", "a=true,b"));
        assertEquals(
                "SCHEM109 schematic.flag-defaults: expected <flag-key>=true|false entries separated by commas, got 'b'",
                noEquals.getMessage());
        var notBoolean = assertThrows(
                SchematicConfigException.class, () -> FlagDefaultKeys.parseList("schematic.flag-defaults", "a=yes"));
        assertEquals(
                "SCHEM103 schematic.flag-defaults: expected true or false for flag 'a', got 'yes'",
                notBoolean.getMessage());
    }

    @Test
    void perFlagKeysWinOverTheListAndEnvironmentNamesAreFound() {
        Map<String, String> source = Map.of(
                "schematic.flag-defaults", "a=true,b=true,c=true",
                "schematic.flag-defaults.b", "false",
                "SCHEMATIC_FLAG_DEFAULTS_C", "false",
                "SCHEMATIC_FLAG_DEFAULTS_PDF_EXPORT", "true");
        Map<String, Boolean> read =
                FlagDefaultKeys.read(source.keySet(), name -> Optional.ofNullable(source.get(name)));
        assertEquals(Map.of("a", true, "b", false, "c", false, "pdf-export", true), read);
    }

    @Test
    void aDottedLookupThatResolvesTheVariableWinsAsInMicroProfileConfig() {
        // MicroProfile Config answers schematic.flag-defaults.beta from SCHEMATIC_FLAG_DEFAULTS_BETA (higher ordinal)
        Map<String, String> resolved =
                Map.of("schematic.flag-defaults.beta", "true", "SCHEMATIC_FLAG_DEFAULTS_BETA", "true");
        Map<String, Boolean> read = FlagDefaultKeys.read(
                List.of("SCHEMATIC_FLAG_DEFAULTS_BETA", "schematic.flag-defaults.beta"),
                name -> Optional.ofNullable(resolved.get(name)));
        assertEquals(Map.of("beta", true), read);
    }

    @Test
    void aBadPerFlagValueNamesItsKey() {
        var e = assertThrows(
                SchematicConfigException.class,
                () -> FlagDefaultKeys.read(
                        List.of("SCHEMATIC_FLAG_DEFAULTS_BETA"),
                        name -> name.startsWith("SCHEMATIC") ? Optional.of("maybe") : Optional.empty()));
        assertEquals("SCHEM103 SCHEMATIC_FLAG_DEFAULTS_BETA: expected true or false, got 'maybe'", e.getMessage());
    }
}
