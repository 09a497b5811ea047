package dev.schematic;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled classes of the library (not its tests). Data
 * flows one way: facade ({@code internal.client}, {@code cdi}) → flags → {local ({@code internal.datastream}), API}
 * → transport ({@code internal.http}); stores hold data and know no engine; nothing reaches up.
 */
class ArchitectureTest {
    static JavaClasses sdk;

    @BeforeAll
    static void importTheLibrary() {
        sdk = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.schematic");
    }

    private static void check(ArchRule rule) {
        rule.check(sdk);
    }

    @Test
    void noCyclesBetweenThePublicPackagesAndTheInternalTree() {
        check(slices().matching("dev.schematic.(*)..").should().beFreeOfCycles());
    }

    @Test
    void noCyclesBetweenInternalPackages() {
        check(slices().matching("dev.schematic.internal.(*)..").should().beFreeOfCycles());
    }

    @Test
    void theApiPackageDependsOnNoInternalPackageButTheFactoryEntry() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.schematic")
                .and(describe(
                        "are not the factory entry (SchematicBuilder)",
                        (JavaClass c) -> !c.getName().equals(SchematicBuilder.class.getName())))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.schematic.internal.."));
    }

    @Test
    void thePublicWebhookAndGeneratedPackagesDependOnNoImplementation() {
        check(noClasses()
                .that()
                .resideInAnyPackage("dev.schematic.webhooks..", "dev.schematic.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.schematic.internal.client..",
                        "dev.schematic.internal.flags..",
                        "dev.schematic.internal.datastream..",
                        "dev.schematic.internal.events.."));
    }

    @Test
    void theRulesHostDependsOnNothingOfTheSdkButItselfAndItsTwoValueTypes() {
        check(classes()
                .that()
                .resideInAPackage("dev.schematic.internal.rules..")
                .should()
                .onlyDependOnClassesThat(describe(
                        "are in internal.rules, the JDK, Chicory, or its settings/counters records",
                        (JavaClass c) -> !c.getPackageName().startsWith("dev.schematic")
                                || c.getPackageName().startsWith("dev.schematic.internal.rules")
                                || c.getName().equals(RulesEngineStats.class.getName())
                                || c.getName().equals("dev.schematic.internal.config.RulesEngineOptions"))));
    }

    @Test
    void transportNeverImportsTheFacade() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.schematic.internal.http..")
                .should()
                .dependOnClassesThat(describe(
                        "are the facade (Schematic, AsyncSchematic, internal.client, cdi) or a layer above transport",
                        (JavaClass c) -> c.getName().equals(Schematic.class.getName())
                                || c.getName().equals(AsyncSchematic.class.getName())
                                || c.getPackageName().startsWith("dev.schematic.internal.client")
                                || c.getPackageName().startsWith("dev.schematic.cdi")
                                || c.getPackageName().startsWith("dev.schematic.internal.flags")
                                || c.getPackageName().startsWith("dev.schematic.internal.datastream")
                                || c.getPackageName().startsWith("dev.schematic.internal.events"))));
    }

    @Test
    void eventsDataStreamAndFlagsNeverImportTheFacade() {
        check(noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.schematic.internal.events..",
                        "dev.schematic.internal.datastream..",
                        "dev.schematic.internal.flags..",
                        "dev.schematic.internal.replicator..")
                .should()
                .dependOnClassesThat(describe(
                        "are the facade (Schematic, AsyncSchematic, internal.client, cdi)",
                        (JavaClass c) -> c.getName().equals(Schematic.class.getName())
                                || c.getName().equals(AsyncSchematic.class.getName())
                                || c.getPackageName().startsWith("dev.schematic.internal.client")
                                || c.getPackageName().startsWith("dev.schematic.cdi"))));
    }

    @Test
    void flagsNeverReachIntoLocalEvaluationOrEvents() {
        // the facade chooses local or API; the API path (flags) knows neither the DataStream nor the event buffer
        check(noClasses()
                .that()
                .resideInAPackage("dev.schematic.internal.flags..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.schematic.internal.datastream..", "dev.schematic.internal.events.."));
    }

    @Test
    void storesHoldDataAndKnowNoEngine() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.schematic.internal.store..")
                .should()
                .dependOnClassesThat(describe(
                        "are the rules engine or a layer above the store (only the RulesInput document is shared)",
                        (JavaClass c) -> (c.getPackageName().startsWith("dev.schematic.internal.rules")
                                        && !c.getSimpleName().equals("RulesInput"))
                                || c.getPackageName().startsWith("dev.schematic.internal.datastream")
                                || c.getPackageName().startsWith("dev.schematic.internal.flags")
                                || c.getPackageName().startsWith("dev.schematic.internal.client"))));
    }

    @Test
    void onlyTheTelemetryPackagesImportOpenTelemetryOrMicrometer() {
        // both are optional dependencies: any other class naming them would fail to load without them
        check(noClasses()
                .that()
                .resideOutsideOfPackages("dev.schematic.telemetry..", "dev.schematic.internal.telemetry..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.opentelemetry..", "io.micrometer.."));
    }

    @Test
    void theCheckPathReachesOpenTelemetryOnlyThroughThePresenceCheck() {
        // OpenTelemetryPresence names no OpenTelemetry type; the rest of the package is loaded only when it is present
        check(noClasses()
                .that()
                .resideOutsideOfPackage("dev.schematic.internal.telemetry.otel..")
                .and()
                .resideOutsideOfPackage("dev.schematic.telemetry..")
                .should()
                .dependOnClassesThat(describe(
                        "are in internal.telemetry.otel but not OpenTelemetryPresence",
                        (JavaClass c) -> c.getPackageName().equals("dev.schematic.internal.telemetry.otel")
                                && !c.getSimpleName().equals("OpenTelemetryPresence"))));
        check(noClasses()
                .that()
                .haveSimpleName("OpenTelemetryPresence")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.opentelemetry.."));
    }
}
