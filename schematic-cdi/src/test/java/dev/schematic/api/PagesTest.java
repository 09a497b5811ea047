package dev.schematic.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PagesTest {

    /** A fake list endpoint over {@code total} numbered items that records the offsets it was asked for. */
    static final class Endpoint implements Pages.PageFetcher<Long> {
        final long total;
        final int limit;
        final List<Long> offsets = new ArrayList<>();

        Endpoint(long total, int limit) {
            this.total = total;
            this.limit = limit;
        }

        @Override
        public List<Long> fetch(long offset) {
            offsets.add(offset);
            return LongStream.range(offset, Math.min(total, offset + limit))
                    .boxed()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void walksAllPagesAndStopsOnAShortPage() {
        Endpoint endpoint = new Endpoint(250, 100);
        List<Long> all = Pages.stream(endpoint, 100).collect(Collectors.toList());
        assertEquals(LongStream.range(0, 250).boxed().collect(Collectors.toList()), all);
        assertEquals(List.of(0L, 100L, 200L), endpoint.offsets);
    }

    @Test
    void anExactMultipleNeedsOneEmptyPageToKnowItIsDone() {
        Endpoint endpoint = new Endpoint(200, 100);
        assertEquals(200, Pages.stream(endpoint, 100).count());
        assertEquals(List.of(0L, 100L, 200L), endpoint.offsets);
    }

    @Test
    void isLazy() {
        Endpoint endpoint = new Endpoint(10_000, 50);
        assertEquals(List.of(0L, 1L, 2L), Pages.stream(endpoint, 50).limit(3).collect(Collectors.toList()));
        assertEquals(List.of(0L), endpoint.offsets);
        Pages.stream(endpoint, 50);
        assertEquals(1, endpoint.offsets.size(), "creating a stream fetches nothing");
    }

    @Test
    void nullOrEmptyPageEndsTheWalk() {
        assertEquals(0, Pages.stream(offset -> null, 10).count());
        Iterator<Object> it = Pages.iterator(offset -> List.of(), 10);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void offsetAdvancesByWhatTheServerReturned() {
        // a server that caps pages below the requested size: the walk stops at the first short page
        Endpoint endpoint = new Endpoint(100, 30);
        assertEquals(30, Pages.stream(endpoint, 40).count());
        assertEquals(List.of(0L), endpoint.offsets);
    }

    @Test
    void rejectsPageSizesTheApiDoesNotAccept() {
        assertThrows(IllegalArgumentException.class, () -> Pages.stream(offset -> List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> Pages.stream(offset -> List.of(), Pages.MAX_LIMIT + 1));
    }
}
