package dev.schematic.datastream;

import dev.schematic.Schematic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness check {@code schematic-datastream}, registered by the SDK's CDI extension when the
 * MicroProfile Health API is present (WildFly, Quarkus, Open Liberty, Payara).
 *
 * <p>UP when DataStream is disabled, {@code ready} (checks are local) or {@code stale} (the socket was lost and is
 * being reconnected; checks are answered by the REST API meanwhile, so the application keeps serving). DOWN while
 * {@code connecting} for the first time and in {@code error} (stopped for good, e.g. an API key the DataStream
 * refuses). The data carries the state, the reason and counters.
 *
 * <p>In replicator mode the state follows the replicator's readiness endpoint: {@code connecting} (DOWN) until it
 * has said ready once, {@code ready} while it says so, {@code stale} (UP, checks use the REST API) when it says not
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

    @Override
    public HealthCheckResponse call() {
        DataStreamStatus s;
        try {
            s = schematic.get().dataStream();
        } catch (RuntimeException e) {
            return new HealthCheckResponse(
                    NAME, HealthCheckResponse.Status.DOWN, Optional.of(Map.of("state", "error", "reason", "" + e)));
        }
        return response(s);
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
