package dev.schematic.internal.datastream;

import dev.schematic.FlagCheck;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.rules.RulesInput;
import dev.schematic.internal.rules.RulesResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Local evaluation: answers a check from the cache of a {@link LocalSource} with the {@link RulesEngine}, doing what
 * the {@link LocalMode} of the current state allows, or answers {@code null} so that the caller asks the REST API.
 */
final class LocalEvaluator {
    private final RulesEngine engine;
    private final LocalSource source;
    private final Readiness readiness;
    private final Duration entityTimeout;
    private final LongAdder localChecks = new LongAdder();

    LocalEvaluator(RulesEngine engine, LocalSource source, Readiness readiness, Duration entityTimeout) {
        this.engine = engine;
        this.source = source;
        this.readiness = readiness;
        this.entityTimeout = entityTimeout;
    }

    /** Checks answered locally so far. */
    long localChecks() {
        return localChecks.sum();
    }

    /** See {@link DataStreamClient#answer(String, Map, Map, long)}. */
    LocalAnswer answer(String flagKey, Map<String, String> company, Map<String, String> user, long nowMillis) {
        DataStreamCache c = source.cache();
        LocalMode mode = source.mode(readiness.state());
        if (mode == LocalMode.OFF || c == null || flagKey == null) {
            return null;
        }
        LocalAnswers reuse = source.answers();
        long now = nowMillis;
        long generation = 0;
        if (reuse != null) {
            LocalAnswer hit = reuse.get(flagKey, company, user, now);
            if (hit != null) {
                localChecks.increment();
                return hit;
            }
            generation = reuse.generation();
        }
        RulesInput flag = c.flag(flagKey);
        if (flag == null) {
            return null;
        }
        boolean wantCompany = company != null && !company.isEmpty();
        boolean wantUser = user != null && !user.isEmpty();
        DataStreamCache.Found fc = wantCompany ? c.find(EntityType.COMPANY, company) : null;
        DataStreamCache.Found fu = wantUser ? c.find(EntityType.USER, user) : null;
        if ((fc != null && fc.conflict()) || (fu != null && fu.conflict())) {
            return null;
        }
        RulesInput companyDoc;
        RulesInput userDoc;
        if (mode != LocalMode.FETCH_MISSING) {
            companyDoc = wantCompany ? fc.doc() : null;
            userDoc = wantUser ? fu.doc() : null;
            if (mode == LocalMode.CACHED_ONLY
                    && ((wantCompany && companyDoc == null) || (wantUser && userDoc == null))) {
                return null; // stale: nothing would answer a request; the REST API does, at once
            }
        } else {
            EntityWaiters.Pending pc =
                    wantCompany && fc.doc() == null ? source.fetch(c, EntityType.COMPANY, company) : null;
            EntityWaiters.Pending pu = wantUser && fu.doc() == null ? source.fetch(c, EntityType.USER, user) : null;
            long deadline = System.nanoTime() + entityTimeout.toNanos();
            companyDoc = !wantCompany ? null : pc == null ? fc.doc() : pc.await(deadline);
            userDoc = !wantUser ? null : pu == null ? fu.doc() : pu.await(deadline);
            if ((wantCompany && companyDoc == null) || (wantUser && userDoc == null)) {
                return null;
            }
            if (pc != null || pu != null) {
                // waited: "now" moved on
                now = engine.clock().millis();
            }
        }
        RulesResult r = engine.evaluate(flag, companyDoc, userDoc, Instant.ofEpochMilli(now));
        if (r.failed()) {
            return null;
        }
        localChecks.increment();
        FlagCheck check = LocalResults.toFlagCheck(flagKey, r);
        if (reuse != null) {
            return reuse.put(flagKey, company, user, check, r, generation, now);
        }
        return new LocalAnswer(check, company == null ? Map.of() : company, user == null ? Map.of() : user);
    }

    /** See {@link DataStreamClient#checkAll}. */
    List<FlagCheck> checkAll(List<String> flagKeys, Map<String, String> company, Map<String, String> user) {
        DataStreamCache c = source.cache();
        if (source.mode(readiness.state()) == LocalMode.OFF || c == null) {
            return null;
        }
        List<String> keys = flagKeys == null || flagKeys.isEmpty() ? c.flagKeys() : flagKeys;
        List<FlagCheck> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            LocalAnswer a = answer(key, company, user, engine.clock().millis());
            if (a == null) {
                return null;
            }
            out.add(a.check());
        }
        return out;
    }
}
