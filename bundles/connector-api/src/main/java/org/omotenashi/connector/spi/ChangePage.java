package org.omotenashi.connector.spi;

import java.util.List;

/** Items changed since a cursor, oldest first, and whether the system holds more after them. */
public record ChangePage(List<WorkItem> items, boolean more) {
    public ChangePage {
        items = List.copyOf(items);
    }
}
