package dev.schematic.internal.datastream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A bounded set of byte strings in the order they were last added, least recent first; beyond its capacity the least
 * recent one is dropped. The memory of {@link Subscriptions}, one entry per company or user asked for: a node here is
 * 32 bytes beside its bytes, where a {@code LinkedHashMap} entry and a {@code String} key took 64. Not thread-safe.
 */
final class RecentBytes {
    private static final class Node {
        final byte[] value;
        final int hash;
        /** The next node of the same bucket. */
        Node next;

        Node before;
        Node after;

        Node(byte[] value, int hash) {
            this.value = value;
            this.hash = hash;
        }
    }

    private final int capacity;
    private Node[] table = new Node[16];
    /** Least recent. */
    private Node head;
    /** Most recent. */
    private Node tail;

    private int size;

    /** @param capacity the most values kept (at least 1) */
    RecentBytes(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Adds {@code value} (not to be modified afterwards), or makes it the most recent if present. */
    void add(byte[] value) {
        int hash = hash(value);
        int i = hash & (table.length - 1);
        for (Node n = table[i]; n != null; n = n.next) {
            if (n.hash == hash && Arrays.equals(n.value, value)) {
                unlink(n);
                linkLast(n);
                return;
            }
        }
        Node n = new Node(value, hash);
        n.next = table[i];
        table[i] = n;
        linkLast(n);
        size++;
        if (size > capacity) {
            remove(head);
        } else if (size > table.length - (table.length >>> 2)) {
            resize();
        }
    }

    /** The values, least recent first. */
    List<byte[]> values() {
        List<byte[]> out = new ArrayList<>(size);
        for (Node n = head; n != null; n = n.after) {
            out.add(n.value);
        }
        return out;
    }

    int size() {
        return size;
    }

    private void remove(Node node) {
        int i = node.hash & (table.length - 1);
        if (table[i] == node) {
            table[i] = node.next;
        } else {
            Node p = table[i];
            while (p.next != node) {
                p = p.next;
            }
            p.next = node.next;
        }
        unlink(node);
        size--;
    }

    private void linkLast(Node n) {
        n.before = tail;
        n.after = null;
        if (tail == null) {
            head = n;
        } else {
            tail.after = n;
        }
        tail = n;
    }

    private void unlink(Node n) {
        if (n.before == null) {
            head = n.after;
        } else {
            n.before.after = n.after;
        }
        if (n.after == null) {
            tail = n.before;
        } else {
            n.after.before = n.before;
        }
        n.before = null;
        n.after = null;
    }

    private void resize() {
        Node[] bigger = new Node[table.length * 2];
        for (Node n = head; n != null; n = n.after) {
            int i = n.hash & (bigger.length - 1);
            n.next = bigger[i];
            bigger[i] = n;
        }
        table = bigger;
    }

    private static int hash(byte[] value) {
        int h = Arrays.hashCode(value);
        return h ^ (h >>> 16);
    }
}
