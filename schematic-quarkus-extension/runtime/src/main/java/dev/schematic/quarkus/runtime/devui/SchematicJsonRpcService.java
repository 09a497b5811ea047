package dev.schematic.quarkus.runtime.devui;

import dev.schematic.CircuitBreakerStatus;
import dev.schematic.DataStreamStatus;
import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.Schematic;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dev UI card's runtime JSON-RPC methods (namespace {@code schematic-quarkus}), registered in dev mode only: the
 * client's DataStream status, event counters and circuit breaker, the last checks with their reasons, and a check the
 * card can make through the application's own client. Values are plain maps of text, numbers and booleans, so the
 * card reads them as JSON without knowing the SDK's types.
 */
public class SchematicJsonRpcService {
    @Inject
    Schematic schematic;

    @Inject
    CheckLog checks;

    /** DataStream status, event counters and the circuit breaker of the application's client. */
    public Map<String, Object> getStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ready", schematic.isReady());
        status.put("dataStream", dataStream(schematic.dataStream()));
        status.put("events", events(schematic.eventStats()));
        status.put("circuitBreaker", circuitBreaker(schematic.circuitBreaker()));
        status.put("checksRecorded", checks.total());
        return status;
    }

    /** The last checks, newest first, with value, source and reason. */
    public List<Map<String, Object>> getLastChecks() {
        return checks.recent().stream().map(SchematicJsonRpcService::entry).toList();
    }

    /**
     * Checks a flag through the application's client (so it is recorded as the application's own checks are) for a
     * company id and/or a user email; blank means absent.
     */
    public Map<String, Object> checkFlag(String flag, String companyId, String userEmail) {
        Map<String, String> company = blank(companyId) ? Map.of() : Map.of("id", companyId);
        Map<String, String> user = blank(userEmail) ? Map.of() : Map.of("email", userEmail);
        FlagCheck check = schematic.checkFlagDetailed(flag, EvaluationContext.of(company, user));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("flag", check.flag());
        answer.put("value", check.value());
        answer.put("source", String.valueOf(check.source()));
        answer.put("reason", check.reason());
        answer.put("error", check.error());
        return answer;
    }

    /** Forgets the recorded checks; returns how many had been recorded in all. */
    public long clearChecks() {
        checks.clear();
        return checks.total();
    }

    static Map<String, Object> dataStream(DataStreamStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", String.valueOf(s.state()));
        m.put("reason", s.reason());
        m.put("since", text(s.since()));
        m.put("url", s.url());
        m.put("store", s.store());
        m.put("lastMessageAt", text(s.lastMessageAt()));
        m.put("connects", s.connects());
        m.put("messages", s.messages());
        m.put("malformedMessages", s.malformedMessages());
        m.put("droppedMessages", s.droppedMessages());
        m.put("dataAge", text(s.dataAge()));
        return m;
    }

    static Map<String, Object> events(EventStats e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("submitted", e.submitted());
        m.put("delivered", e.delivered());
        m.put("queued", e.queued());
        m.put("inFlight", e.inFlight());
        m.put("dropped", e.dropped());
        m.put("failed", e.failed());
        m.put("offline", e.offline());
        m.put("batches", e.batches());
        m.put("retries", e.retries());
        m.put("overflows", e.overflows());
        m.put("consecutiveFailures", e.consecutiveFailures());
        return m;
    }

    static Map<String, Object> circuitBreaker(CircuitBreakerStatus c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", String.valueOf(c.state()));
        m.put("since", text(c.since()));
        m.put("consecutiveFailures", c.consecutiveFailures());
        m.put("timesOpened", c.timesOpened());
        m.put("lastFailure", c.lastFailure());
        return m;
    }

    static Map<String, Object> entry(CheckLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("flag", e.flag());
        m.put("value", e.value());
        m.put("source", e.source());
        m.put("reason", e.reason());
        m.put("error", e.error());
        m.put("company", e.company());
        m.put("user", e.user());
        return m;
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
