package dev.schematic.openfeature;

import dev.openfeature.sdk.ImmutableContext;
import dev.openfeature.sdk.ImmutableStructure;
import dev.openfeature.sdk.Value;
import dev.schematic.Schematic;
import dev.schematic.SchematicBuilder;
import dev.schematic.testkit.FakeSchematic;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Schematic clients pointed at a fake, and OpenFeature contexts, for the provider's tests. */
final class Clients {
    static final String API_KEY = "sch_dev_openfeature";

    private Clients() {}

    /** REST mode, no cache, no retries, events sent every 100 ms. */
    static SchematicBuilder rest(FakeSchematic fake) {
        return Schematic.builder()
                .apiKey(API_KEY)
                .baseUrl(fake.baseUrl())
                .eventCaptureUrl(fake.baseUrl())
                .timeout(Duration.ofSeconds(30))
                .checksDeadline(Duration.ofSeconds(30))
                .maxRetries(0)
                .retryBackoff(Duration.ofMillis(10))
                .eventsRetryBackoff(Duration.ofMillis(10))
                .eventsFlushInterval(Duration.ofMillis(100))
                .cacheEnabled(false);
    }

    /** DataStream mode against the fake's DataStream, with short reconnect waits. */
    static SchematicBuilder dataStream(FakeSchematic fake) {
        return rest(fake)
                .property("schematic.datastream.enabled", "true")
                .property("schematic.datastream.url", fake.dataStream().url())
                .property("schematic.datastream.entity-timeout", "1s")
                .property("schematic.datastream.reconnect.min-delay", "20ms")
                .property("schematic.datastream.reconnect.max-delay", "200ms");
    }

    /** A context with these company and user keys (either may be empty: then the attribute is left out). */
    static ImmutableContext context(Map<String, ?> company, Map<String, ?> user) {
        Map<String, Value> attrs = new LinkedHashMap<>();
        if (!company.isEmpty()) {
            attrs.put("company", structure(company));
        }
        if (!user.isEmpty()) {
            attrs.put("user", structure(user));
        }
        return new ImmutableContext(attrs);
    }

    static Value structure(Map<String, ?> keys) {
        Map<String, Value> values = new LinkedHashMap<>();
        keys.forEach((k, v) -> values.put(k, Value.objectToValue(v)));
        return new Value(new ImmutableStructure(values));
    }
}
