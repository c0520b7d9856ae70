package org.omotenashi.connector.internal;

import java.net.URI;
import java.time.Instant;

import org.omotenashi.connector.spi.Party;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.connector.spi.WorkState;

/** Work items for tests: an open incident of Hotel Zon for the facility group, changed at a given time. */
final class Items {
    static final String SYSTEM = "topdesk";

    private Items() {
    }

    static WorkItem open(String id, Instant changedAt, Instant targetDate) {
        return new WorkItem(SYSTEM, id, "I 2611 " + id, "Lift stuck on floor 3", "Guests cannot reach floor 3",
                new Party("branch", "b-zon", "Hotel Zon"), new Party("operatorGroup", "g-fm", "Facilitair beheer"),
                targetDate, false, WorkState.OPEN, changedAt.minusSeconds(3600), changedAt,
                URI.create("https://example.topdesk.net/tas/secure/incident?action=show&unid=" + id));
    }

    static WorkItem with(WorkItem w, WorkState state, Instant changedAt, Instant targetDate) {
        return new WorkItem(w.system(), w.externalId(), w.number(), w.title(), w.description(), w.customer(), w.owner(),
                targetDate, w.onHold(), state, w.createdAt(), changedAt, w.link());
    }
}
