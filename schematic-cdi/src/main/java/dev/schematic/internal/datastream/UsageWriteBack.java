package dev.schematic.internal.datastream;

import java.util.Map;

/**
 * Usage write-back after {@code track} (datastream.md §5.3): the cached company's metrics for the tracked event grow
 * by the tracked quantity, so local checks of metered flags see the usage before the DataStream reports it.
 */
final class UsageWriteBack {
    private UsageWriteBack() {}

    /**
     * Adds {@code quantity} to every metric of the cached company whose {@code event_subtype} is {@code event},
     * atomically (compare-and-set on the company document, so concurrent tracks and partial updates — also from other
     * app instances sharing a remote store — all count). Nothing happens when the company is not cached.
     */
    static void record(DataStreamCache cache, String event, Map<String, String> company, long quantity) {
        if (event == null || company == null || company.isEmpty() || quantity == 0) {
            return;
        }
        DataStreamCache.Found found = cache.find(EntityType.COMPANY, company);
        if (found.doc() == null) {
            return;
        }
        cache.updateEntity(EntityType.COMPANY, found.id(), o -> EntityMerge.incrementMetrics(o, event, quantity));
    }
}
