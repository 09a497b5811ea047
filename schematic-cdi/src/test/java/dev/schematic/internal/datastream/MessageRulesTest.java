package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schematic.internal.rules.RulesInput;
import dev.schematic.internal.store.CacheKind;
import dev.schematic.internal.store.EmbeddedEntityStore;
import dev.schematic.internal.store.StoreKeys;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every message type and merge rule of datastream.md §2.2, §2.6 and §3.6, applied to a real embedded store. */
class MessageRulesTest {
    static EmbeddedEntityStore store;
    static final StoreKeys KEYS = new StoreKeys("v1");
    DataStreamCache cache;
    EntityWaiters waiters;
    MessageProcessor processor;
    List<Integer> snapshots;

    @BeforeAll
    static void startStore() {
        store = new EmbeddedEntityStore(1000, 1000);
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @BeforeEach
    void fresh() {
        for (CacheKind k : CacheKind.values()) {
            store.keys(k, "").forEach(key -> store.remove(k, key));
        }
        cache = new DataStreamCache(store, KEYS, Duration.ofHours(24), Duration.ofDays(30));
        waiters = new EntityWaiters();
        snapshots = new ArrayList<>();
        processor = new MessageProcessor(cache, waiters, (gen, n) -> snapshots.add(n));
    }

    void send(String json) {
        processor.process(1, json.replace('\'', '"'));
    }

    JsonObject company(String id) {
        RulesInput doc = store.get(CacheKind.COMPANIES, KEYS.company(id));
        return doc == null ? null : Json.parseObject(doc.json());
    }

    String lookup(String name, String value) {
        RulesInput ref = store.get(CacheKind.COMPANY_LOOKUP, KEYS.companyLookup(name, value));
        return ref == null ? null : ref.json();
    }

    static final String ACME = "{'entity_type':'rulesengine.Company','message_type':'full','entity_id':'comp_1',"
            + "'data':{'id':'comp_1','account_id':'a','environment_id':'e','keys':{'id':'acme','Domain':'Acme.COM'},"
            + "'credit_balances':{'cred_1':10,'cred_2':5},"
            + "'metrics':[{'event_subtype':'api-call','period':'all_time','month_reset':'first_of_month','value':1},"
            + "{'event_subtype':'api-call','period':'current_month','month_reset':'first_of_month','value':2}],"
            + "'entitlements':[{'feature_id':'f1','feature_key':'api','value_type':'numeric','event_name':'api-call',"
            + "'metric_period':'current_month','usage':2},"
            + "{'feature_id':'f2','feature_key':'cr','value_type':'credit','credit_id':'cred_1','credit_remaining':10}],"
            + "'traits':[],'plan_ids':['plan_1'],'base_plan_id':'plan_1'}}";

    @Test
    void aFlagsSnapshotStoresEveryFlagUnderItsLowerCasedKeyAndDropsTheOthers() {
        send("{'entity_type':'rulesengine.Flag','message_type':'full','data':{'id':'f0','key':'old'}}");
        send("{'entity_type':'rulesengine.Flags','message_type':'full','data':[{'id':'f1','key':'New-UI'},"
                + "{'id':'f2','key':'beta'}],'unknown_member':1}");
        assertEquals(List.of(2), snapshots);
        assertNotNull(store.get(CacheKind.FLAGS, "flags:v1:new-ui"));
        assertNotNull(cache.flag("NEW-ui"));
        assertNull(cache.flag("old"), "not in the snapshot: removed");
        assertEquals(Set.of("flags:v1:new-ui", "flags:v1:beta"), Set.copyOf(store.keys(CacheKind.FLAGS, "")));
    }

    @Test
    void theSnapshotCleanupIsVersionScoped() {
        store.put(CacheKind.FLAGS, "flags:other:x", RulesInput.of("{\"key\":\"x\"}"), Duration.ZERO);
        send("{'entity_type':'rulesengine.Flags','message_type':'full','data':[]}");
        assertNotNull(store.get(CacheKind.FLAGS, "flags:other:x"), "another engine version's flags stay");
    }

    @Test
    void singleFlagMessagesUpsertAndDeleteByKeyOrById() {
        send(
                "{'entity_type':'rulesengine.Flag','message_type':'full','data':{'id':'f1','key':'a','default_value':true}}");
        send("{'entity_type':'rulesengine.Flag','message_type':'partial','data':{'id':'f2','key':'b'}}");
        assertNotNull(cache.flag("a"));
        assertNotNull(cache.flag("b"));
        send("{'entity_type':'rulesengine.Flag','message_type':'delete','data':{'key':'a'}}");
        send("{'entity_type':'rulesengine.Flag','message_type':'delete','data':{'id':'f2'}}");
        assertNull(cache.flag("a"));
        assertNull(cache.flag("b"));
    }

    @Test
    void aFullCompanyIsStoredWithItsLowerCasedLookupKeys() {
        send(ACME);
        assertEquals("comp_1", company("comp_1").getString("id"));
        assertEquals("\"comp_1\"", lookup("id", "acme"));
        assertEquals("\"comp_1\"", lookup("domain", "acme.com"));
        DataStreamCache.Found f = cache.find(EntityType.COMPANY, Map.of("DOMAIN", "acme.com"));
        assertEquals("comp_1", f.id());
    }

    @Test
    void aFullUpdateRemovesLookupKeysTheEntityNoLongerHas() {
        send(ACME);
        send("{'entity_type':'rulesengine.Company','message_type':'full','entity_id':'comp_1',"
                + "'data':{'id':'comp_1','keys':{'id':'acme'}}}");
        assertEquals("\"comp_1\"", lookup("id", "acme"));
        assertNull(lookup("domain", "acme.com"));
    }

    @Test
    void aPartialMergesKeysAndBalancesUpsertsMetricsAndRederivesEntitlements() {
        send(ACME);
        send("{'entity_type':'rulesengine.Company','message_type':'partial','entity_id':'comp_1','data':{"
                + "'keys':{'slug':'acme-inc'},'credit_balances':{'cred_1':7},"
                + "'metrics':[{'event_subtype':'api-call','period':'current_month','month_reset':'first_of_month','value':9},"
                + "{'event_subtype':'seats','period':'all_time','month_reset':'first_of_month','value':3}],"
                + "'plan_ids':['plan_2'],'base_plan_id':'plan_2','custom':'kept'}}");
        JsonObject c = company("comp_1");
        assertEquals(Map.of("id", "acme", "Domain", "Acme.COM", "slug", "acme-inc"), Json.stringMap(c.get("keys")));
        assertEquals(7, c.getJsonObject("credit_balances").getInt("cred_1"));
        assertEquals(5, c.getJsonObject("credit_balances").getInt("cred_2"), "additive: untouched balance kept");
        var metrics = c.getJsonArray("metrics");
        assertEquals(3, metrics.size(), "one replaced, one appended: " + metrics);
        assertEquals(1, metrics.getJsonObject(0).getInt("value"));
        assertEquals(9, metrics.getJsonObject(1).getInt("value"));
        assertEquals("seats", metrics.getJsonObject(2).getString("event_subtype"));
        var ents = c.getJsonArray("entitlements");
        assertEquals(9, ents.getJsonObject(0).getInt("usage"), "usage re-derived from the merged metric");
        assertEquals(7, ents.getJsonObject(1).getInt("credit_remaining"), "remaining re-derived from the balance");
        assertEquals("plan_2", c.getJsonArray("plan_ids").getString(0));
        assertEquals("plan_2", c.getString("base_plan_id"));
        assertEquals("kept", c.getString("custom"));
        assertEquals("\"comp_1\"", lookup("slug", "acme-inc"));
    }

    @Test
    void aPartialWithEntitlementsReplacesThemWithoutRederiving() {
        send(ACME);
        send(
                "{'entity_type':'rulesengine.Company','message_type':'partial','entity_id':'comp_1','data':{"
                        + "'credit_balances':{'cred_1':1},'entitlements':[{'feature_id':'f3','feature_key':'x','value_type':'boolean'}]}}");
        var ents = company("comp_1").getJsonArray("entitlements");
        assertEquals(1, ents.size());
        assertEquals("f3", ents.getJsonObject(0).getString("feature_id"));
    }

    @Test
    void aPartialForAnEntityNotCachedIsIgnored() {
        send(
                "{'entity_type':'rulesengine.Company','message_type':'partial','entity_id':'comp_9','data':{'keys':{'id':'x'}}}");
        assertNull(company("comp_9"));
        assertNull(lookup("id", "x"));
    }

    @Test
    void deletesUseEntityIdOrDataIdAndRemoveLookupsOfCacheAndPayload() {
        send(ACME);
        send(
                "{'entity_type':'rulesengine.Company','message_type':'delete','entity_id':'comp_1','data':{'id':'comp_1'}}");
        assertNull(company("comp_1"));
        assertNull(lookup("id", "acme"));
        assertNull(lookup("domain", "acme.com"));
        send(ACME);
        send(
                "{'entity_type':'rulesengine.Company','message_type':'delete','data':{'id':'comp_1','keys':{'id':'acme'}}}");
        assertNull(company("comp_1"));
        assertNull(lookup("domain", "acme.com"));
    }

    @Test
    void usersMergeKeysAdditivelyAndReplaceTheRest() {
        send("{'entity_type':'rulesengine.User','message_type':'full','entity_id':'u1','data':{'id':'u1','keys':"
                + "{'email':'a@b.c'},'traits':[{'value':'x'}]}}");
        send("{'entity_type':'rulesengine.User','message_type':'partial','entity_id':'u1','data':{'keys':"
                + "{'id':'9'},'traits':[]}}");
        RulesInput doc = store.get(CacheKind.USERS, KEYS.user("u1"));
        JsonObject u = Json.parseObject(doc.json());
        assertEquals(Map.of("email", "a@b.c", "id", "9"), Json.stringMap(u.get("keys")));
        assertEquals(0, u.getJsonArray("traits").size());
        assertNotNull(store.get(CacheKind.USER_LOOKUP, KEYS.userLookup("id", "9")));
    }

    @Test
    void anArrivingEntityCompletesWaitersRegisteredUnderAnyOfItsKeys() throws Exception {
        EntityWaiters.Pending p =
                waiters.request(cache.lookupKeys(EntityType.COMPANY, Map.of("DOMAIN", "acme.com")), () -> true);
        EntityWaiters.Pending joined =
                waiters.request(cache.lookupKeys(EntityType.COMPANY, Map.of("domain", "ACME.com")), () -> {
                    throw new AssertionError("a second request for the same keys sends nothing");
                });
        assertSame(p, joined);
        send(ACME);
        assertTrue(p.future.get().json().contains("comp_1"));
        assertEquals(0, waiters.size());
    }

    @Test
    void anErrorMessageFailsTheMatchingWaiterAtOnce() {
        EntityWaiters.Pending p =
                waiters.request(cache.lookupKeys(EntityType.COMPANY, Map.of("id", "nope")), () -> true);
        send("{'entity_type':'rulesengine.Company','message_type':'error','data':{'error':'company not found',"
                + "'keys':{'id':'nope'},'entity_type':'rulesengine.Company'}}");
        assertTrue(p.future.isCompletedExceptionally());
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, p.future::get);
        assertTrue(e.getCause().getMessage().contains("company not found"));
    }

    @Test
    void anErrorAnswerEvictsTheCachedEntityUnderAllItsKeysAndLeavesOthers() {
        send(ACME);
        send("{'entity_type':'rulesengine.Company','message_type':'full','entity_id':'comp_2','data':{'id':'comp_2',"
                + "'keys':{'id':'beta'}}}");
        send("{'entity_type':'rulesengine.Company','message_type':'error','data':{'error':'company not found',"
                + "'keys':{'ID':'ACME'},'entity_type':'rulesengine.Company'}}");
        assertNull(company("comp_1"));
        assertNull(lookup("id", "acme"));
        assertNull(lookup("domain", "acme.com"), "the keys the request did not name go too");
        assertNotNull(company("comp_2"));
        assertNotNull(lookup("id", "beta"));
    }

    @Test
    void unknownTypesAreIgnoredAndMalformedMessagesCounted() {
        send("{'entity_type':'rulesengine.Companies','message_type':'full','data':{}}");
        send("{'entity_type':'rulesengine.Company','message_type':'reload','entity_id':'c','data':{}}");
        send("{'entity_type':'rulesengine.Something','message_type':'full','data':1}");
        assertEquals(0, processor.malformed.sum());
        processor.process(1, "not json");
        processor.process(1, "[1,2]");
        send("{'entity_type':'rulesengine.Flags','message_type':'full','data':{}}");
        send("{'entity_type':'rulesengine.Company','message_type':'full','data':{'keys':{'id':'x'}}}");
        send("{'message_type':'full'}");
        send("{'entity_type':'rulesengine.Flags','message_type':'full','data':[{'no':'key'},7]}");
        assertEquals(7, processor.malformed.sum());
        assertEquals(List.of(0), snapshots, "a snapshot with only bad flags still counts as loaded");
    }

    @Test
    void trackIncrementsEveryMetricOfTheEventAtomically() throws Exception {
        send(ACME);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    cache.updateEntity(
                            EntityType.COMPANY, "comp_1", o -> EntityMerge.incrementMetrics(o, "api-call", 2));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        var metrics = company("comp_1").getJsonArray("metrics");
        assertEquals(1 + 200, metrics.getJsonObject(0).getInt("value"));
        assertEquals(2 + 200, metrics.getJsonObject(1).getInt("value"));
        assertEquals(
                2,
                company("comp_1").getJsonArray("entitlements").getJsonObject(0).getInt("usage"),
                "not touched");
    }
}
