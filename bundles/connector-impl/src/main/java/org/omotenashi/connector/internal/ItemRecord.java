package org.omotenashi.connector.internal;

import java.net.URI;
import java.time.Instant;

import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.spi.WorkItem;

/**
 * What the connector stored about one item: the change last applied, its promise, and, while a promise is being
 * made, the request for it (so a retry after a crash asks for the very same promise).
 */
record ItemRecord(String system, String externalId, String number, String title, TrackedItem.Status status,
                  String promiseId, String itemState, Instant targetDate, boolean onHold, Instant changedAt,
                  Instant appliedAt, String note, String link, String intent) {

    /** The record after applying {@code item}. */
    static ItemRecord of(WorkItem item, TrackedItem.Status status, String promiseId, Instant appliedAt, String note,
                         String intent) {
        return new ItemRecord(item.system(), item.externalId(), ItemRules.cut(item.number(), 200),
                ItemRules.cut(item.title(), 500), status, promiseId, item.state().name(), item.targetDate(), item.onHold(),
                item.changedAt(), appliedAt, ItemRules.cut(note, 2000),
                item.link() == null ? null : ItemRules.cut(item.link().toString(), 2000), intent);
    }

    TrackedItem tracked() {
        URI uri;
        try {
            uri = link == null ? null : URI.create(link);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        return new TrackedItem(system, externalId, number, title, status, promiseId, itemState, targetDate, onHold,
                changedAt, appliedAt, note, uri);
    }
}
