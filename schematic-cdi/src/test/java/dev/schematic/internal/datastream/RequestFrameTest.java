package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The entity request frames and the compact form they are remembered in for resubscription. */
class RequestFrameTest {

    @Test
    void aRequestFrameHasTheKeysSortedByNameAndLeavesNullValuesOut() {
        Map<String, String> keys = new HashMap<>();
        keys.put("slug", "acme");
        keys.put("Domain", "Acme.com");
        keys.put("none", null);
        assertEquals(
                "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\","
                        + "\"keys\":{\"Domain\":\"Acme.com\",\"slug\":\"acme\"}}}",
                Subscriptions.request(EntityType.COMPANY, keys));
        assertEquals(
                "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.User\",\"keys\":{\"email\":\"a@b.c\"}}}",
                Subscriptions.request(EntityType.USER, Map.of("email", "a@b.c")));
    }

    @Test
    void theRememberedFormHoldsOnlyTheTypeAndTheKeysAndRebuildsTheSameFrame() {
        Map<String, String> keys = Map.of("name", "Ünïcode \"quoted\" \\ back:slash", "id", "x");
        String subscription = Subscriptions.subscription(EntityType.USER, keys);
        assertEquals("1{\"id\":\"x\",\"name\":\"Ünïcode \\\"quoted\\\" \\\\ back:slash\"}", subscription);
        assertEquals(
                "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.User\",\"keys\":"
                        + subscription.substring(1) + "}}",
                Subscriptions.frame(subscription));
        assertEquals(Subscriptions.request(EntityType.USER, keys), Subscriptions.frame(subscription));
        assertEquals("0{}", Subscriptions.subscription(EntityType.COMPANY, Map.of()));
        assertEquals(
                "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Company\",\"keys\":{}}}",
                Subscriptions.frame("0{}"));
    }
}
