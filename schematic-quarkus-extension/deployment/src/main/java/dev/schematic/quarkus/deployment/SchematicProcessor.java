package dev.schematic.quarkus.deployment;

import dev.schematic.FlagCheck;
import dev.schematic.api.ApiResourceClients;
import dev.schematic.internal.events.CaptureApi;
import dev.schematic.internal.http.JsonBodyProvider;
import dev.schematic.quarkus.runtime.SchematicQuarkusProducer;
import dev.schematic.quarkus.runtime.SchematicRuntimeConfig;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ExcludedTypeBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageProxyDefinitionBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.resteasy.reactive.spi.MessageBodyReaderBuildItem;
import io.quarkus.resteasy.reactive.spi.MessageBodyWriterBuildItem;
import jakarta.ws.rs.RuntimeType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.jboss.jandex.ClassInfo;

/**
 * Wires schematic-cdi into Quarkus at build time. ArC ignores the library's portable extension and does not discover
 * beans in a jar that contains one, so everything the extension does elsewhere is done here as build steps.
 */
class SchematicProcessor {
    static final String FEATURE = "schematic";

    /**
     * Packages whose classes JSON-B reads or writes, or that are REST client interfaces. {@code dev.schematic.webhooks}
     * holds the webhook envelope record that {@code WebhookEvents.parse} reads with JSON-B (the event bodies are
     * {@code dev.schematic.api.model} records).
     */
    static final List<String> JSON_AND_CLIENT_PACKAGES =
            List.of("dev.schematic.api.", "dev.schematic.internal.events.", "dev.schematic.webhooks.");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Puts the library's classes in the combined index: REST client interfaces, JSON-B records, and the webhook
     * {@code @Provider}s. Quarkus REST (server) discovers providers from this index, so this alone registers {@code
     * WebhookSignatureFilter} (name-bound to {@code @VerifiedSchematicWebhook}, with {@code @Context ResourceInfo}
     * injected) and {@code WebhookStartupCheck} (a {@code DynamicFeature}, run at startup) when the application has a
     * REST server; without one they are inert. Applications must not register them again.
     */
    @BuildStep
    IndexDependencyBuildItem indexLibrary() {
        return new IndexDependencyBuildItem("dev.schematic", "schematic-cdi");
    }

    /** {@code Schematic}, {@code AsyncSchematic} and {@code SchematicConfig} beans, kept even if only looked up. */
    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(SchematicQuarkusProducer.class)
                .setUnremovable()
                .build();
    }

    /** The DataStream readiness check's class, named as text: it implements the MicroProfile Health API. */
    static final String HEALTH_CHECK = "dev.schematic.internal.health.DataStreamHealthCheck";

    /**
     * The {@code schematic-datastream} readiness check ({@code @Readiness @ApplicationScoped}), when the application
     * has SmallRye Health. Elsewhere the SDK's portable extension registers it; ArC ignores portable extensions, so it
     * is added here. Without the health extension it is not registered (its class needs the MicroProfile Health API).
     */
    @BuildStep
    void dataStreamHealthCheck(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            beans.produce(AdditionalBeanBuildItem.builder()
                    .addBeanClasses(HEALTH_CHECK)
                    .setUnremovable()
                    .build());
        }
    }

    /**
     * The SDK's JSON-B body provider, for the REST client only. The SDK also registers it on each client it builds,
     * but the Quarkus REST client picks body writers at build time from the providers it knows then, so it must be
     * known at build time too (otherwise a record body is written with {@code toString()}).
     */
    @BuildStep
    void jsonBodyProvider(
            BuildProducer<MessageBodyReaderBuildItem> readers,
            BuildProducer<MessageBodyWriterBuildItem> writers,
            BuildProducer<AdditionalBeanBuildItem> beans) {
        String provider = JsonBodyProvider.class.getName();
        List<String> json = List.of("application/json", "application/*+json");
        readers.produce(new MessageBodyReaderBuildItem.Builder(provider, Object.class.getName())
                .setMediaTypeStrings(json)
                .setRuntimeType(RuntimeType.CLIENT)
                .setBuiltin(true)
                .build());
        writers.produce(new MessageBodyWriterBuildItem.Builder(provider, Object.class.getName())
                .setMediaTypeStrings(json)
                .setRuntimeType(RuntimeType.CLIENT)
                .setBuiltin(true)
                .build());
        beans.produce(AdditionalBeanBuildItem.unremovableOf(JsonBodyProvider.class));
    }

    /** The library's Jakarta EE producer must never become a second producer of the same beans. */
    @BuildStep
    ExcludedTypeBuildItem excludeLibraryProducer() {
        return new ExcludedTypeBuildItem("dev.schematic.cdi.**");
    }

    /**
     * Registers for reflection every type the SDK serializes with JSON-B (the {@code dev.schematic.api.model} records,
     * the events, {@link FlagCheck}) and its REST client interfaces and providers, and declares the dynamic proxies
     * the SDK creates around its clients (retries, offline mode), so a native build works.
     */
    @BuildStep
    void nativeImage(
            CombinedIndexBuildItem index,
            BuildProducer<ReflectiveClassBuildItem> reflective,
            BuildProducer<NativeImageProxyDefinitionBuildItem> proxies,
            BuildProducer<RuntimeInitializedClassBuildItem> runtimeInit) {
        TreeSet<String> names = new TreeSet<>();
        for (ClassInfo c : index.getIndex().getKnownClasses()) {
            String name = c.name().toString();
            if (JSON_AND_CLIENT_PACKAGES.stream().anyMatch(name::startsWith)) {
                names.add(name);
            }
        }
        names.add(FlagCheck.class.getName());
        names.add(FlagCheck.Source.class.getName());
        names.add(JsonBodyProvider.class.getName());
        names.add("dev.schematic.internal.http.ApiErrorMapper");
        names.add("dev.schematic.internal.http.SdkHeaders");
        // MappingValues reads the typed mapping's members by name, through these interfaces (the root and its groups)
        addWithGroups(names, SchematicRuntimeConfig.class);
        reflective.produce(ReflectiveClassBuildItem.builder(names.toArray(String[]::new))
                .constructors()
                .methods()
                .fields()
                .reason(SchematicProcessor.class.getName())
                .build());

        List<Class<?>> clients = new ArrayList<>(ApiResourceClients.INTERFACES);
        clients.add(CaptureApi.class);
        for (Class<?> client : clients) {
            proxies.produce(new NativeImageProxyDefinitionBuildItem(client.getName()));
        }
        // The shared Jsonb is created on first use with the runtime's JSON-B provider, never at image build time.
        runtimeInit.produce(new RuntimeInitializedClassBuildItem("dev.schematic.internal.http.JsonMapping$Holder"));
    }

    /** The mapping interface and every group interface reachable from its members. */
    static void addWithGroups(TreeSet<String> names, Class<?> type) {
        if (!type.isInterface() || !names.add(type.getName())) {
            return;
        }
        for (java.lang.reflect.Method member : type.getMethods()) {
            Class<?> group = member.getReturnType();
            if (group.getPackageName().equals(SchematicRuntimeConfig.class.getPackageName())) {
                addWithGroups(names, group);
            }
        }
    }
}
