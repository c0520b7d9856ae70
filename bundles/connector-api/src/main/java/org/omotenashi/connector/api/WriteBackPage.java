package org.omotenashi.connector.api;

import java.util.List;

/**
 * One page of the write-back log, newest first.
 *
 * @param items the notes
 * @param next  the cursor for the page after this one, or null when this page is not full (the last)
 */
public record WriteBackPage(List<WriteBack> items, String next) {
    public WriteBackPage {
        items = List.copyOf(items);
    }
}
