package dev.schematic.internal.datastream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the client remembers for resubscription: every entity asked for once, in the order last asked for, at most the
 * capacity (the least recently asked for forgotten first), each frame exactly the one first sent.
 */
class SubscriptionMemoryTest {

    @Test
    void framesAreResentOncePerEntityInTheOrderLastAskedFor() {
        Subscriptions subs = new Subscriptions(10);
        String a = subs.ask(EntityType.COMPANY, Map.of("id", "a"));
        String u = subs.ask(EntityType.USER, Map.of("email", "ü@b.c", "id", "u"));
        String b = subs.ask(EntityType.COMPANY, Map.of("domain", "b.example.com"));
        assertEquals(Subscriptions.request(EntityType.USER, Map.of("id", "u", "email", "ü@b.c")), u);
        assertEquals(List.of(a, u, b), subs.frames());
        assertEquals(a, subs.ask(EntityType.COMPANY, Map.of("id", "a"))); // asked again: now the most recent
        assertEquals(List.of(u, b, a), subs.frames());
        // the same keys as another type is another entity
        String userA = subs.ask(EntityType.USER, Map.of("id", "a"));
        assertEquals(List.of(u, b, a, userA), subs.frames());
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyAskedForIsForgotten() {
        Subscriptions subs = new Subscriptions(3);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(subs.ask(EntityType.COMPANY, Map.of("id", "c" + i)));
        }
        assertEquals(sent.subList(2, 5), subs.frames());
        subs.ask(EntityType.COMPANY, Map.of("id", "c2")); // refreshed: c3 is now the least recent
        subs.ask(EntityType.COMPANY, Map.of("id", "c9"));
        assertEquals(
                List.of(sent.get(4), sent.get(2), Subscriptions.request(EntityType.COMPANY, Map.of("id", "c9"))),
                subs.frames());
    }

    @Test
    void theSetStaysConsistentThroughGrowthRefreshesAndEvictions() {
        RecentBytes set = new RecentBytes(1000);
        List<String> model = new ArrayList<>(); // least recent first
        java.util.Random random = new java.util.Random(20);
        for (int step = 0; step < 20_000; step++) {
            String v = "k" + random.nextInt(1500);
            set.add(v.getBytes(StandardCharsets.UTF_8));
            model.remove(v);
            model.add(v);
            if (model.size() > 1000) {
                model.remove(0);
            }
        }
        assertEquals(model.size(), set.size());
        assertEquals(
                model,
                set.values().stream()
                        .map(b -> new String(b, StandardCharsets.UTF_8))
                        .toList());
    }
}
