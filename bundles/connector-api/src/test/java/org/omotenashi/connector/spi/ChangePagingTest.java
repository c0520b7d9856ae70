package org.omotenashi.connector.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.Test;

public class ChangePagingTest {
    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    /** A listing as a system serves it: changed at or after the cursor's time, by time only, in pages. */
    private final List<WorkItem> system = new ArrayList<>();
    private int pagesRead;

    @Test
    public void everyItemIsHandedOverOnceEvenWhenManyShareAChangeTimeAndPagesCutThroughThem() throws FacilitySystemException {
        // ids deliberately not in the order the system lists them within one time
        String[] ids = {"9", "10", "b", "a", "3"};
        for (int i = 0; i < 40; i++) {
            system.add(item(ids[i % ids.length] + "-" + i, T.plusSeconds(i / 7)));
        }
        List<String> handed = drain(6);
        assertEquals(40, handed.size());
        assertEquals(40, handed.stream().distinct().count());
    }

    @Test
    public void aGroupLargerThanAPageIsReadAcrossPagesAndHandedOverWhole() throws FacilitySystemException {
        for (int i = 0; i < 25; i++) {
            system.add(item("same-" + i, T));
        }
        system.add(item("later", T.plusSeconds(1)));
        ChangePage page = ChangePaging.collect(ChangeCursor.START, 10, listing(ChangeCursor.START, 10), 100);
        assertEquals(25, page.items().size());
        assertTrue(page.more());
        assertEquals(List.of("later"), drainFrom(ChangeCursor.after(page.items().get(24)), 10));
    }

    @Test
    public void anItemThatChangesWhilePagingIsSeenAgainLaterNotLost() throws FacilitySystemException {
        for (int i = 0; i < 10; i++) {
            system.add(item("i" + i, T.plusSeconds(i)));
        }
        ChangeCursor cursor = ChangeCursor.START;
        ChangePage first = ChangePaging.collect(cursor, 4, listing(cursor, 4), 10);
        cursor = ChangeCursor.after(first.items().get(first.items().size() - 1));
        // i1 (already handed over) changes again: it moves to the end of the listing
        system.removeIf(w -> w.externalId().equals("i1"));
        system.add(item("i1", T.plusSeconds(100)));
        List<String> rest = drainFrom(cursor, 4);
        assertEquals(List.of("i3", "i4", "i5", "i6", "i7", "i8", "i9", "i1"), rest);
    }

    @Test
    public void theLastPageEndsTheListingAndNothingNewMeansAnEmptyFinalPage() throws FacilitySystemException {
        system.add(item("a", T));
        ChangePage page = ChangePaging.collect(ChangeCursor.START, 10, listing(ChangeCursor.START, 10), 10);
        assertEquals(1, page.items().size());
        assertFalse(page.more());
        ChangeCursor after = ChangeCursor.after(page.items().get(0));
        ChangePage none = ChangePaging.collect(after, 10, listing(after, 10), 10);
        assertTrue(none.items().isEmpty());
        assertFalse(none.more());
    }

    private List<String> drain(int limit) {
        return drainFrom(ChangeCursor.START, limit);
    }

    private List<String> drainFrom(ChangeCursor cursor, int limit) {
        List<String> handed = new ArrayList<>();
        for (int calls = 0; calls < 100; calls++) {
            ChangePage page;
            try {
                page = ChangePaging.collect(cursor, limit, listing(cursor, limit), 20);
            } catch (FacilitySystemException e) {
                throw new AssertionError(e);
            }
            for (WorkItem item : page.items()) {
                assertTrue("handed over in cursor order", cursor.isBefore(item));
                handed.add(item.externalId());
                cursor = ChangeCursor.after(item);
            }
            if (!page.more()) {
                return handed;
            }
        }
        throw new AssertionError("paging did not end");
    }

    private ChangePaging.Listing listing(ChangeCursor cursor, int pageSize) {
        return index -> {
            pagesRead++;
            List<WorkItem> matching = system.stream().filter(w -> !w.changedAt().isBefore(cursor.changedAt()))
                    .sorted(Comparator.comparing(WorkItem::changedAt)).toList();
            int from = Math.min(matching.size(), index * pageSize);
            int to = Math.min(matching.size(), from + pageSize);
            return new ChangePage(matching.subList(from, to), to < matching.size());
        };
    }

    private static WorkItem item(String id, Instant changedAt) {
        return new WorkItem("s", id, id, "t", null, null, null, changedAt.plusSeconds(86400), false, WorkState.OPEN,
                null, changedAt, null);
    }
}
