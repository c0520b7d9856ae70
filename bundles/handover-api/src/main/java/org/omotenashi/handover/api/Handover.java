package org.omotenashi.handover.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A customer handed from sales to service, with everything sales knows and promised, and its history. */
public record Handover(
        String id,
        String dealRef,
        String customerId,
        String customerName,
        String soldBy,
        String serviceTeam,
        LocalDate contractStart,
        List<Contact> contacts,
        List<Expectation> expectations,
        List<HandedPromise> promises,
        CustomerNotes notes,
        HandoverStatus status,
        List<Transition> history,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant acknowledgedAt,
        Instant acceptedAt,
        Instant ackOverdueAt,
        long version) {

    public Handover {
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        expectations = expectations == null ? List.of() : List.copyOf(expectations);
        promises = promises == null ? List.of() : List.copyOf(promises);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The contact marked primary, else the first one; null when the handover names no contact. */
    public Contact primaryContact() {
        return Contact.primaryOf(contacts);
    }

    /** How often service has sent this handover back with questions. */
    public long returns() {
        return history.stream().filter(t -> t.to() == HandoverStatus.RETURNED).count();
    }
}
