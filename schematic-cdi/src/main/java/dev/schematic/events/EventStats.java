package dev.schematic.events;

/**
 * Counters of the event buffer since start. Every event that is not delivered is counted in exactly one of
 * {@code dropped} (queue full or submitted after close), {@code failed} (the capture service refused it or stayed
 * unreachable through all retries) or {@code offline} (offline mode).
 *
 * @param submitted events accepted into the queue
 * @param delivered events the capture service acknowledged
 * @param dropped events lost before sending: oldest dropped when the queue was full, or submitted after close
 * @param failed events given up on after all retries
 * @param offline events discarded because the client is offline
 * @param queued events waiting now
 * @param batches batches acknowledged
 * @param retries batch re-sends
 */
public record EventStats(
        long submitted,
        long delivered,
        long dropped,
        long failed,
        long offline,
        long queued,
        long batches,
        long retries) {}
