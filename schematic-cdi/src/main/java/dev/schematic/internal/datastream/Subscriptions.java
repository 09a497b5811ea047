package dev.schematic.internal.datastream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The subscription protocol: encodes the request frames sent to the DataStream and remembers the entities asked for,
 * so that they are asked for again after a reconnect (the server forgets them with the socket).
 */
final class Subscriptions {
    /** The first frame on every socket: every flag. */
    static final String FLAGS_REQUEST = "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Flags\"}}";

    /**
     * The entities asked for, most recent last, each in the compact form of {@link #subscription} as UTF-8: the request
     * frame is rebuilt from it, so only the part that differs is kept per entity.
     */
    private final RecentBytes remembered;

    /** @param capacity how many entities are remembered at most (the least recently asked for are forgotten) */
    Subscriptions(int capacity) {
        this.remembered = new RecentBytes(capacity);
    }

    /** Remembers the entity with these keys and returns its request frame. */
    String ask(EntityType type, Map<String, String> keys) {
        String subscription = subscription(type, keys);
        byte[] held = subscription.getBytes(StandardCharsets.UTF_8);
        synchronized (remembered) {
            remembered.add(held);
        }
        return frame(subscription);
    }

    /** The request frames of every remembered entity, least recently asked for first. */
    List<String> frames() {
        List<byte[]> held;
        synchronized (remembered) {
            held = remembered.values();
        }
        List<String> all = new ArrayList<>(held.size());
        for (byte[] h : held) {
            all.add(frame(new String(h, StandardCharsets.UTF_8)));
        }
        return all;
    }

    /** The request frame asking for the entity with these keys (sent sorted by key name; null values left out). */
    static String request(EntityType type, Map<String, String> keys) {
        return frame(subscription(type, keys));
    }

    /**
     * A request in the compact form remembered for resubscription: the type's ordinal as one character, then the
     * {@code keys} object exactly as it appears in the frame, e.g. {@code 0{"id":"acme"}}.
     */
    static String subscription(EntityType type, Map<String, String> keys) {
        StringBuilder sb =
                new StringBuilder(48).append((char) ('0' + type.ordinal())).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(keys).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (!first) {
                sb.append(',');
            }
            sb.append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
            first = false;
        }
        return sb.append('}').toString();
    }

    /** The request frame of a {@link #subscription}. */
    static String frame(String subscription) {
        EntityType type = EntityType.values()[subscription.charAt(0) - '0'];
        return new StringBuilder(subscription.length() + 64)
                .append("{\"data\":{\"action\":\"start\",\"entity_type\":\"")
                .append(type.wire)
                .append("\",\"keys\":")
                .append(subscription, 1, subscription.length())
                .append("}}")
                .toString();
    }
}
