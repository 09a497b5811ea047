package dev.schematic.openfeature;

import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.schematic.DataStreamState;
import dev.schematic.DataStreamStatus;
import dev.schematic.Schematic;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads {@link Schematic#dataStream()} on a daemon thread and turns its changes into provider events: {@code READY} →
 * {@code PROVIDER_READY}, {@code STALE} → {@code PROVIDER_STALE}, {@code ERROR} → {@code PROVIDER_ERROR}.
 * ({@code PROVIDER_CONFIGURATION_CHANGED} comes from {@link Schematic#onFlagsChanged}, with the changed keys.)
 */
final class StateWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StateWatcher.class.getName());

    private final Schematic schematic;
    private final EventProvider provider;
    private final ScheduledExecutorService scheduler;
    private DataStreamState last;

    StateWatcher(Schematic schematic, EventProvider provider, DataStreamStatus initial, Duration interval) {
        this.schematic = schematic;
        this.provider = provider;
        this.last = initial.state();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "schematic-openfeature-state");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            DataStreamStatus now = schematic.dataStream();
            DataStreamState state = now.state();
            ImmutableMetadata meta = ImmutableMetadata.builder()
                    .addString("dataStreamState", state.name())
                    .addLong("dataStreamMessages", now.messages())
                    .build();
            if (state != last) {
                ProviderEventDetails details = ProviderEventDetails.builder()
                        .message(now.reason())
                        .eventMetadata(meta)
                        .build();
                switch (state) {
                    case READY -> provider.emitProviderReady(details);
                    case STALE -> provider.emitProviderStale(details);
                    case ERROR ->
                        provider.emitProviderError(ProviderEventDetails.builder()
                                .message(now.reason())
                                .eventMetadata(meta)
                                .errorCode(ErrorCode.GENERAL)
                                .build());
                    default -> {
                        // CONNECTING / DISABLED: nothing to announce (checks use the REST API)
                    }
                }
                last = state;
            }
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Schematic OpenFeature provider: reading the DataStream state failed",
                    e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
