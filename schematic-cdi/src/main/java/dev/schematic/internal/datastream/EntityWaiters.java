package dev.schematic.internal.datastream;

import dev.schematic.internal.rules.RulesInput;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Checks waiting for a company or user they asked the DataStream for (datastream.md §2.4). A request is registered
 * under every lookup key it was made with; a second check for any of those keys joins it instead of sending another
 * frame. It completes when an entity arrives whose keys include one of them, fails on an {@code error} message for
 * its keys or on disconnect, and is dropped by the caller on timeout.
 */
final class EntityWaiters {
    /** One outstanding request. */
    static final class Pending {
        final CompletableFuture<RulesInput> future = new CompletableFuture<>();
        final List<String> lookupKeys;
        private final EntityWaiters owner;

        Pending(List<String> lookupKeys, EntityWaiters owner) {
            this.lookupKeys = lookupKeys;
            this.owner = owner;
        }

        /** The entity, or {@code null} when it failed or did not come by {@code deadline} ({@link System#nanoTime}). */
        RulesInput await(long deadline) {
            long left = deadline - System.nanoTime();
            try {
                return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                owner.drop(this);
                return null;
            } catch (ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private final Map<String, Pending> byKey = new HashMap<>();

    /**
     * The pending request for these lookup keys: an existing one, or a new one for which {@code send} is called
     * (outside the lock); a failed send fails it at once.
     */
    Pending request(List<String> lookupKeys, Supplier<Boolean> send) {
        Pending p;
        synchronized (this) {
            for (String k : lookupKeys) {
                Pending existing = byKey.get(k);
                if (existing != null) {
                    return existing;
                }
            }
            p = new Pending(List.copyOf(lookupKeys), this);
            for (String k : lookupKeys) {
                byKey.put(k, p);
            }
        }
        if (!send.get()) {
            drop(p);
            p.future.completeExceptionally(new IllegalStateException("DataStream not connected"));
        }
        return p;
    }

    /** Completes every request registered under any of {@code lookupKeys}. */
    void complete(Collection<String> lookupKeys, RulesInput entity) {
        for (Pending p : take(lookupKeys)) {
            p.future.complete(entity);
        }
    }

    /** Fails every request registered under any of {@code lookupKeys}. */
    void fail(Collection<String> lookupKeys, String why) {
        for (Pending p : take(lookupKeys)) {
            p.future.completeExceptionally(new IllegalStateException(why));
        }
    }

    /** Fails every request (the socket is gone: its answers will never come). */
    void failAll(String why) {
        List<Pending> all;
        synchronized (this) {
            Map<Pending, Boolean> unique = new IdentityHashMap<>();
            byKey.values().forEach(p -> unique.put(p, true));
            all = new ArrayList<>(unique.keySet());
            byKey.clear();
        }
        all.forEach(p -> p.future.completeExceptionally(new IllegalStateException(why)));
    }

    /** Forgets a request (its caller timed out). */
    synchronized void drop(Pending p) {
        for (String k : p.lookupKeys) {
            byKey.remove(k, p);
        }
    }

    synchronized int size() {
        return byKey.size();
    }

    private synchronized List<Pending> take(Collection<String> lookupKeys) {
        List<Pending> found = new ArrayList<>(1);
        for (String k : lookupKeys) {
            Pending p = byKey.get(k);
            if (p != null && !found.contains(p)) {
                found.add(p);
            }
        }
        for (Pending p : found) {
            for (String k : p.lookupKeys) {
                byKey.remove(k, p);
            }
        }
        return found;
    }
}
