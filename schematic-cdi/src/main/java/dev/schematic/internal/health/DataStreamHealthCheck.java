package dev.schematic.internal.health;

import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.Schematic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness check {@code schematic-datastream}, registered by the SDK's CDI extension when the
 * MicroProfile Health API is present (WildFly, Quarkus, Open Liberty, Payara).
 *
 * <p>UP when DataStream is disabled, {@code ready} (checks are local) or {@code stale} (the socket was lost and is
 * being reconnected; checks with cached data are answered from the cache, the others by the REST API, so the
 * application keeps serving; {@code dataAgeMs} says how old the cache is). DOWN while
 * {@code connecting} for the first time and in {@code error} (stopped for good, e.g. an API key the DataStream
 * refuses). The data carries the state, the reason and counters.
 *
 * <p>In replicator mode the state follows the replicator's readiness endpoint: {@code connecting} (DOWN) until it
 * has said ready once, {@code ready} while it says so, {@code stale} (UP, cached data or the REST API) when it says not
 * ready or cannot be reached afterwards; the data adds {@code replicator} (what the last poll said),
 * {@code replicatorReady}, {@code replicatorUrl}, {@code cacheVersion} and {@code replicatorDatastream}.
 */
@Readiness
@ApplicationScoped
public class DataStreamHealthCheck implements HealthCheck {
    /** The check's name in {@code /health/ready}. */
    public static final String NAME = "schematic-datastream";

    @Inject
    Instance<Schematic> schematic;

    /** Set when registered by {@link #register}; otherwise the injected {@link #schematic} is used. */
    private Supplier<Schematic> lookup;

    public DataStreamHealthCheck() {}

    private DataStreamHealthCheck(Supplier<Schematic> lookup) {
        this.lookup = lookup;
    }

    /**
     * Registers the check as an {@code @ApplicationScoped @Readiness} synthetic bean whose bean class is {@link
     * HealthCheck}. A {@link Bean} of our own, not {@code AfterBeanDiscovery.addBean()}'s configurator: Weld places a
     * custom bean in the bean archive of its bean class, the configurator's in the extension's. On WildFly the
     * extension's archive (the SDK jar, no beans.xml) is not visible to the health subsystem; the MicroProfile Health
     * API's archive is visible to it and to the application. The client is looked up through {@code beans}, the SDK
     * extension's bean manager, which sees the SDK's producer.
     */
    public static void register(AfterBeanDiscovery discovery, BeanManager beans) {
        discovery.addBean(new CheckBean(
                () -> beans.createInstance().select(Schematic.class).get()));
    }

    /** The synthetic bean of {@link #register}. */
    private static final class CheckBean implements Bean<DataStreamHealthCheck> {
        private final Supplier<Schematic> lookup;

        CheckBean(Supplier<Schematic> lookup) {
            this.lookup = lookup;
        }

        @Override
        public Class<?> getBeanClass() {
            return HealthCheck.class;
        }

        @Override
        public Set<InjectionPoint> getInjectionPoints() {
            return Set.of();
        }

        @Override
        public DataStreamHealthCheck create(CreationalContext<DataStreamHealthCheck> context) {
            return new DataStreamHealthCheck(lookup);
        }

        @Override
        public void destroy(DataStreamHealthCheck instance, CreationalContext<DataStreamHealthCheck> context) {
            context.release();
        }

        @Override
        public Set<Type> getTypes() {
            return Set.of(DataStreamHealthCheck.class, HealthCheck.class, Object.class);
        }

        @Override
        public Set<Annotation> getQualifiers() {
            return Set.of(Readiness.Literal.INSTANCE, Any.Literal.INSTANCE);
        }

        @Override
        public Class<? extends Annotation> getScope() {
            return ApplicationScoped.class;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public Set<Class<? extends Annotation>> getStereotypes() {
            return Set.of();
        }

        @Override
        public boolean isAlternative() {
            return false;
        }

        @Override
        public String toString() {
            return "schematic-datastream readiness check (synthetic bean)";
        }
    }

    @Override
    public HealthCheckResponse call() {
        DataStreamStatus s;
        dev.schematic.CircuitBreakerStatus breaker;
        try {
            Schematic client = lookup != null ? lookup.get() : schematic.get();
            s = client.dataStream();
            breaker = client.circuitBreaker();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(
                    NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("state", "error", "reason", "" + e)));
        }
        return response(s, breaker);
    }

    /**
     * {@link #response(DataStreamStatus)} plus the flag-check circuit breaker: {@code apiCircuit} (closed, open,
     * half_open), {@code apiCircuitSince}, {@code apiCircuitFailures}, {@code apiCircuitOpened} and, when known,
     * {@code apiCircuitLastFailure}. The breaker never makes the check DOWN: checks still answer (cache or defaults).
     */
    public static HealthCheckResponse response(DataStreamStatus s, dev.schematic.CircuitBreakerStatus breaker) {
        HealthCheckResponse r = response(s);
        if (breaker == null) {
            return r;
        }
        Map<String, Object> data = new LinkedHashMap<>(r.getData().orElse(Map.of()));
        data.put("apiCircuit", breaker.state().name().toLowerCase(java.util.Locale.ROOT));
        data.put("apiCircuitSince", breaker.since().toString());
        data.put("apiCircuitFailures", breaker.consecutiveFailures());
        data.put("apiCircuitOpened", breaker.timesOpened());
        if (breaker.lastFailure() != null) {
            data.put("apiCircuitLastFailure", breaker.lastFailure());
        }
        return new HealthCheckResponse(NAME, r.getStatus(), Optional.of(data));
    }

    /** The response for a status (public for tests and for applications composing their own checks). */
    public static HealthCheckResponse response(DataStreamStatus s) {
        boolean up = s.state() == DataStreamState.DISABLED
                || s.state() == DataStreamState.READY
                || s.state() == DataStreamState.STALE;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        data.put("reason", s.reason());
        if (s.url() != null) {
            data.put("url", s.url());
        }
        if (s.store() != null) {
            data.put("store", s.store());
        }
        data.put("since", s.since().toString());
        if (s.lastMessageAt() != null) {
            data.put("lastMessageAt", s.lastMessageAt().toString());
        }
        if (s.dataAsOf() != null) {
            data.put("dataAsOf", s.dataAsOf().toString());
            data.put("dataAgeMs", s.dataAge().toMillis());
        }
        data.put("connects", s.connects());
        data.put("messages", s.messages());
        data.put("malformedMessages", s.malformedMessages());
        data.put("droppedMessages", s.droppedMessages());
        if (s.replicator() != null) {
            // replicator mode: what the replicator's readiness endpoint said last
            var r = s.replicator();
            data.put("replicatorUrl", r.url());
            data.put("replicatorReady", r.ready());
            data.put("replicator", r.describe());
            if (r.cacheVersion() != null) {
                data.put("cacheVersion", r.cacheVersion());
            }
            if (r.datastream() != null) {
                data.put("replicatorDatastream", r.datastream());
            }
            if (r.checkedAt() != null) {
                data.put("replicatorCheckedAt", r.checkedAt().toString());
            }
        }
        return new HealthCheckResponse(
                NAME, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN, Optional.of(data));
    }
}
