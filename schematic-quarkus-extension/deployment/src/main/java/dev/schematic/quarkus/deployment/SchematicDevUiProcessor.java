package dev.schematic.quarkus.deployment;

import dev.schematic.quarkus.runtime.devui.SchematicJsonRpcService;
import dev.schematic.testkit.FakeSchematic;
import dev.schematic.testkit.FlagDefinition;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.buildtime.BuildTimeActionBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Schematic card of the Dev UI (dev mode only): the Dev Services fake's flags with a switch each (a switch sets the
 * flag on the fake, so the application's next check answers the new value), the client's DataStream status and event
 * counters, and the last checks with their reasons.
 *
 * <p>The flag switches are deployment-side JSON-RPC methods: the fake runs in the build JVM, next to this processor.
 * The status and the checks are runtime JSON-RPC methods ({@link SchematicJsonRpcService}) on the application's
 * client. All share the namespace {@value #NAMESPACE}.
 */
@BuildSteps(onlyIf = IsLocalDevelopment.class)
class SchematicDevUiProcessor {
    /** The JSON-RPC namespace of the card's methods: the runtime artifact's id, as Dev UI derives it. */
    static final String NAMESPACE = "schematic-quarkus";

    @BuildStep
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Flags")
                .icon("font-awesome-solid:toggle-on")
                .componentLink("qwc-schematic-flags.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Status")
                .icon("font-awesome-solid:heart-pulse")
                .componentLink("qwc-schematic-status.js"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Last checks")
                .icon("font-awesome-solid:list-check")
                .componentLink("qwc-schematic-checks.js"));
        card.addBuildTimeData("checkLogCapacity", dev.schematic.quarkus.runtime.devui.CheckLog.CAPACITY);
        return card;
    }

    @BuildStep
    JsonRPCProvidersBuildItem runtimeMethods() {
        return new JsonRPCProvidersBuildItem(NAMESPACE, SchematicJsonRpcService.class);
    }

    @BuildStep
    void fakeFlagMethods(BuildProducer<BuildTimeActionBuildItem> actions) {
        BuildTimeActionBuildItem item = new BuildTimeActionBuildItem(NAMESPACE);
        item.actionBuilder()
                .methodName("getFakeFlags")
                .description("The Dev Services fake's flags: key, default value and rule counts")
                .function(params -> FakeFlags.list())
                .build();
        item.actionBuilder()
                .methodName("setFakeFlag")
                .description("Sets a flag on the Dev Services fake: its default, or its value for one company id")
                .parameter("flag", "the flag key")
                .parameter("value", "true or false")
                .parameter("companyId", "a company id for a company rule; blank sets the flag's default", false)
                .function(FakeFlags::set)
                .build();
        actions.produce(item);
    }

    /** The fake's flags as the card shows them, and the switch. */
    static final class FakeFlags {
        private FakeFlags() {}

        static Map<String, Object> list() {
            Optional<FakeSchematic> fake = FakeSchematicService.running();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("running", fake.isPresent());
            answer.put("baseUrl", fake.map(FakeSchematic::baseUrl).orElse(null));
            answer.put(
                    "flags",
                    fake.map(f -> f.flags().stream().map(FakeFlags::flag).toList())
                            .orElse(List.of()));
            return answer;
        }

        static Map<String, Object> set(Map<String, String> params) {
            Optional<FakeSchematic> running = FakeSchematicService.running();
            if (running.isEmpty()) {
                return Map.of(
                        "error",
                        "Dev Services for Schematic are not running (schematic.api-key is set, or they are off)");
            }
            FakeSchematic fake = running.get();
            // bad input is answered as {"error": "<parameter>: …"}: an exception thrown by a deployment-side method
            // reaches the Dev UI page as no answer at all
            String flag = params.get("flag");
            if (flag == null || flag.isBlank()) {
                return Map.of("error", "flag: a flag key is required");
            }
            String text = params.getOrDefault("value", "").strip();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                return Map.of("error", "value: expected true or false, got '" + text + "'");
            }
            boolean value = Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
            String companyId = params.get("companyId");
            FlagDefinition definition = fake.flag(flag.strip());
            if (companyId == null || companyId.isBlank()) {
                definition.defaultValue(value);
            } else {
                definition.forCompany(Map.of("id", companyId.strip()), value);
            }
            return flag(definition);
        }

        private static Map<String, Object> flag(FlagDefinition f) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", f.key());
            m.put("id", f.id());
            m.put("defaultValue", f.defaultValue());
            m.put("description", f.toString());
            return m;
        }
    }
}
