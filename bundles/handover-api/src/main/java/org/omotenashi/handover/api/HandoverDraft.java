package org.omotenashi.handover.api;

import java.time.LocalDate;
import java.util.List;

/**
 * The content of a handover as sales writes it, for creating one or replacing the content of a
 * draft or returned one. dealRef and customerId are required; soldBy defaults to the caller. The
 * rest may be filled in over time; the checklist decides what must be there before submitting.
 */
public record HandoverDraft(
        String dealRef,
        String customerId,
        String customerName,
        String soldBy,
        String serviceTeam,
        LocalDate contractStart,
        List<Contact> contacts,
        List<Expectation> expectations,
        List<HandedPromise> promises,
        CustomerNotes notes) {

    public HandoverDraft {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        promises = promises == null ? List.of() : List.copyOf(promises);
    }
}
