package dev.schematic;

/**
 * Counters of the event buffer since start. Every event that is not delivered is counted in exactly one of
 * {@code dropped} (queue full or submitted after close), {@code failed} (rejected by the capture service, or still
 * undelivered when {@code close()}'s shutdown timeout ran out) or {@code offline} (offline mode); until then it is
 * {@code queued} or {@code inFlight}. An outage of the capture service loses nothing by itself: failed batches wait in
 * the queue and are re-sent.
 *
 * @param submitted events accepted into the queue
 * @param delivered events the capture service acknowledged
 * @param dropped events lost before sending: the oldest dropped when the queue was full, or submitted after close
 * @param failed events given up on: rejected by the service (4xx other than 408/429), failing with an unexpected
 *     error more than {@code events.max-retries} times, or left when the shutdown timeout ran out
 * @param offline events discarded because the client is offline
 * @param queued events waiting now (including batches waiting to be re-sent)
 * @param batches batches acknowledged
 * @param retries batch re-sends (each failed attempt that put its batch back counts one)
 * @param inFlight events being sent now
 * @param overflows overflow episodes so far (each logged with a warning when it starts and a summary when it ends)
 * @param consecutiveFailures failed attempts since the capture service last answered; 0 when it is healthy
 */
public record EventStats(
        long submitted,
        long delivered,
        long dropped,
        long failed,
        long offline,
        long queued,
        long batches,
        long retries,
        long inFlight,
        long overflows,
        long consecutiveFailures) {}
