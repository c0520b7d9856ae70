package org.omotenashi.connector.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a system's "changed at or after a time, oldest first" listing into {@link FacilityConnector#changedSince}
 * pages that never skip an item, relying on nothing but the order by change time: every call reads from the
 * first page of its listing (positions move as items change, so offsets are not stable between calls), hands
 * over only complete groups of items with the same change time (the last group of a page may go on in the next
 * page), and sorts each group by external id itself, the order {@link ChangeCursor} uses.
 */
public final class ChangePaging {
    private static final Comparator<WorkItem> CHANGE_ORDER =
            Comparator.comparing(WorkItem::changedAt).thenComparing(WorkItem::externalId);

    private ChangePaging() {
    }

    /** One page of the system's listing of items changed at or after a time, oldest first. */
    @FunctionalInterface
    public interface Listing {
        /**
         * @param pageIndex 0 for the first page of the listing, then 1, 2… (only while one change time fills pages)
         */
        ChangePage page(int pageIndex) throws FacilitySystemException;
    }

    /**
     * @param cursor  where the engine stands; the listing must start at {@code cursor.changedAt()}
     * @param limit   about how many items to hand over; a group of equal change times is never cut, so a page
     *                can hold more
     * @param maxPages how many pages one call may read before it finds a complete group it has not handed over
     */
    public static ChangePage collect(ChangeCursor cursor, int limit, Listing listing, int maxPages)
            throws FacilitySystemException {
        List<WorkItem> fetched = new ArrayList<>();
        boolean more = true;
        for (int index = 0; more && index < maxPages; index++) {
            ChangePage page = listing.page(index);
            fetched.addAll(page.items());
            more = page.more() && !page.items().isEmpty();
            if (!more || holdsACompleteFreshGroup(fetched, cursor)) {
                break;
            }
        }
        List<WorkItem> fresh = new ArrayList<>(fetched.stream().filter(cursor::isBefore).sorted(CHANGE_ORDER).toList());
        boolean cut = false;
        if (more && !fetched.isEmpty()) {
            // The listing goes on: items changed at the last time read may continue on the next page.
            Instant last = fetched.stream().map(WorkItem::changedAt).max(Comparator.naturalOrder()).orElseThrow();
            cut = fresh.removeIf(item -> !item.changedAt().isBefore(last));
        }
        int end = Math.min(fresh.size(), Math.max(1, limit));
        while (end < fresh.size() && fresh.get(end).changedAt().equals(fresh.get(end - 1).changedAt())) {
            end++;
        }
        cut |= end < fresh.size();
        return new ChangePage(fresh.subList(0, end), more || cut);
    }

    /** Whether an item not yet handed over was changed before the last time read, so its group is complete. */
    private static boolean holdsACompleteFreshGroup(List<WorkItem> fetched, ChangeCursor cursor) {
        Instant last = fetched.stream().map(WorkItem::changedAt).max(Comparator.naturalOrder()).orElseThrow();
        return fetched.stream().anyMatch(item -> cursor.isBefore(item) && item.changedAt().isBefore(last));
    }
}
