package org.omotenashi.connector.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.ChangePage;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.connector.spi.WorkItem;

/** A facility system in memory, as the SPI describes one; it can be told to fail its next calls. */
class FakeSystem implements FacilityConnector {
    final Map<String, WorkItem> items = new TreeMap<>();
    final List<StatusNote> notes = new ArrayList<>();
    int failures;
    int pagesServed;

    void put(WorkItem item) {
        items.put(item.externalId(), item);
    }

    @Override
    public String system() {
        return "TOPdesk";
    }

    @Override
    public synchronized ChangePage changedSince(ChangeCursor cursor, int limit) throws FacilitySystemException {
        failIfAsked();
        pagesServed++;
        List<WorkItem> after = items.values().stream().filter(cursor::isBefore)
                .sorted(Comparator.comparing(WorkItem::changedAt).thenComparing(WorkItem::externalId)).toList();
        return new ChangePage(after.subList(0, Math.min(limit, after.size())), after.size() > limit);
    }

    @Override
    public synchronized Optional<WorkItem> read(String externalId) throws FacilitySystemException {
        failIfAsked();
        return Optional.ofNullable(items.get(externalId));
    }

    @Override
    public synchronized void writeBack(StatusNote note) throws FacilitySystemException {
        failIfAsked();
        if (note.retry() && notes.stream().anyMatch(n -> n.noteId().equals(note.noteId()))) {
            return;
        }
        notes.add(note);
    }

    private void failIfAsked() throws FacilitySystemException {
        if (failures > 0) {
            failures--;
            throw new FacilitySystemException("HTTP 503 Service Unavailable", 503, true);
        }
    }
}
