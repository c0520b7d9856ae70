package org.omotenashi.core.model;

import java.util.List;

/** One page of a list, with the cursor for the next page (null on the last page). */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
