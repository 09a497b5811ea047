package dev.schematic.internal.client;

import dev.schematic.CheckOptions;
import dev.schematic.EvaluationContext;
import dev.schematic.FlagCheck;
import dev.schematic.internal.datastream.LocalAnswer;
import dev.schematic.internal.events.EventBodies;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answers flag checks in order: closed client → local evaluation (DataStream or replicator, publishing the
 * {@code flag_check} event) → the flag checks of the API path (cache, API within the deadline, stale, default).
 * Never throws.
 */
final class FlagService {
    private final SchematicRuntime rt;

    FlagService(SchematicRuntime runtime) {
        this.rt = runtime;
    }

    FlagCheck check(String flagKey, EvaluationContext context, CheckOptions options) {
        return rt.telemetry.active() ? observed(flagKey, context, options) : answer(flagKey, context, options);
    }

    private FlagCheck observed(String flagKey, EvaluationContext context, CheckOptions options) {
        long start = System.nanoTime();
        FlagCheck c = answer(flagKey, context, options);
        rt.telemetry.checked(c, context, System.nanoTime() - start);
        return c;
    }

    private FlagCheck answer(String flagKey, EvaluationContext context, CheckOptions options) {
        Map<String, String> company = companyOf(context);
        Map<String, String> user = userOf(context);
        if (rt.closed()) {
            return rt.flags.closedDefault(
                    flagKey, options != null ? options.defaultValue().orElse(null) : null);
        }
        if (rt.dataStream != null) {
            long now = rt.clock.millis();
            LocalAnswer local = rt.dataStream.answer(flagKey, company, user, now);
            if (local != null) {
                // a repeated answer comes with the body its first event had: only the timestamp is new
                rt.publisher.publish(EventBodies.flagCheck(
                        rt.config.apiKey(), local.derived(FlagService::flagCheckBody), Instant.ofEpochMilli(now)));
                return local.check();
            }
        }
        return rt.flags.check(flagKey, company, user, options);
    }

    List<FlagCheck> checkAll(List<String> flagKeys, EvaluationContext context) {
        List<FlagCheck> all = answerAll(flagKeys, context);
        if (rt.telemetry.active() && all != null) {
            all.forEach(c -> rt.telemetry.checked(c, context, -1));
        }
        return all;
    }

    private List<FlagCheck> answerAll(List<String> flagKeys, EvaluationContext context) {
        Map<String, String> company = companyOf(context);
        Map<String, String> user = userOf(context);
        if (rt.closed()) {
            return rt.flags.closedDefaults(flagKeys);
        }
        if (rt.dataStream != null) {
            List<FlagCheck> local = rt.dataStream.checkAll(flagKeys, company, user);
            if (local != null) {
                return local;
            }
        }
        return rt.flags.checkAll(flagKeys, company, user);
    }

    /** The answer without I/O (cache, stale or default) for when no thread is free or the check failed. */
    FlagCheck withoutApi(String flagKey, EvaluationContext context, CheckOptions options, String why) {
        return rt.flags.withoutApi(flagKey, companyOf(context), userOf(context), options, why);
    }

    List<FlagCheck> allWithoutApi(List<String> flagKeys, EvaluationContext context, String why) {
        return rt.flags.allWithoutApi(flagKeys, companyOf(context), userOf(context), why);
    }

    private static Map<String, String> companyOf(EvaluationContext context) {
        return context == null ? Map.of() : context.companyKeys();
    }

    private static Map<String, String> userOf(EvaluationContext context) {
        return context == null ? Map.of() : context.userKeys();
    }

    private static EventBodies.FlagCheckBody flagCheckBody(LocalAnswer a) {
        FlagCheck c = a.check();
        return EventBodies.flagCheckBody(
                c.flag(),
                c.value(),
                c.reason(),
                c.flagId(),
                c.ruleId(),
                c.companyId(),
                c.userId(),
                a.company(),
                a.user(),
                c.error());
    }
}
