package dev.schematic.api;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks the API's limit/offset list operations lazily. The API has no cursors and no total count in list
 * responses: a page shorter than the requested limit is the last one.
 *
 * <pre>{@code
 * Stream<CompanyDetailResponseData> all = Pages.stream(
 *         offset -> schematic.companies()
 *                 .listCompanies(ListCompaniesParams.builder().limit(100).offset(offset).build())
 *                 .data(),
 *         100);
 * }</pre>
 *
 * <p>Pages are fetched on demand, one HTTP call per page, only as far as the stream or iterator is consumed. A
 * failed call surfaces as the {@link dev.schematic.SchematicApiException} the fetch throws. The walk is not a
 * snapshot: objects created or deleted while walking may shift page boundaries (the API lists newest first).
 * Hand-written (not generated).
 */
public final class Pages {
    /** The largest {@code limit} the API accepts. */
    public static final int MAX_LIMIT = 250;

    /** The API's default {@code limit}. */
    public static final int DEFAULT_LIMIT = 100;

    private Pages() {}

    /**
     * Fetches one page.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface PageFetcher<T> {
        /**
         * Returns the page starting at {@code offset}, requested with the page size given to {@link Pages}.
         *
         * @param offset the number of elements to skip (0 for the first page)
         * @return the page's elements; {@code null} or empty ends the walk
         */
        List<T> fetch(long offset);
    }

    /**
     * A lazy, sequential stream over every element of every page.
     *
     * @param fetcher fetches the page at an offset, requesting {@code pageSize} elements
     * @param pageSize the {@code limit} the fetcher requests (1 to {@value #MAX_LIMIT}); a shorter page ends the walk
     * @param <T> the element type
     * @return the elements in API order
     */
    public static <T> Stream<T> stream(PageFetcher<T> fetcher, int pageSize) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(fetcher, pageSize), Spliterator.ORDERED), false);
    }

    /**
     * A lazy iterator over every element of every page.
     *
     * @param fetcher fetches the page at an offset, requesting {@code pageSize} elements
     * @param pageSize the {@code limit} the fetcher requests (1 to {@value #MAX_LIMIT}); a shorter page ends the walk
     * @param <T> the element type
     * @return the iterator
     */
    public static <T> Iterator<T> iterator(PageFetcher<T> fetcher, int pageSize) {
        Objects.requireNonNull(fetcher, "fetcher");
        if (pageSize < 1 || pageSize > MAX_LIMIT) {
            throw new IllegalArgumentException("pageSize must be between 1 and " + MAX_LIMIT + ": " + pageSize);
        }
        return new PageIterator<>(fetcher, pageSize);
    }

    private static final class PageIterator<T> implements Iterator<T> {
        private final PageFetcher<T> fetcher;
        private final int pageSize;
        private long nextOffset;
        private List<T> page = List.of();
        private int index;
        private boolean last;

        PageIterator(PageFetcher<T> fetcher, int pageSize) {
            this.fetcher = fetcher;
            this.pageSize = pageSize;
        }

        @Override
        public boolean hasNext() {
            while (index >= page.size()) {
                if (last) {
                    return false;
                }
                List<T> next = fetcher.fetch(nextOffset);
                page = next == null ? List.of() : next;
                index = 0;
                nextOffset += page.size();
                // a short (or empty) page is the last one
                last = page.size() < pageSize;
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(index++);
        }
    }
}
