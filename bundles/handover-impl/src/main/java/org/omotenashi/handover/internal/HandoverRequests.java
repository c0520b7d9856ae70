package org.omotenashi.handover.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.omotenashi.core.json.JsonInput;
import org.omotenashi.handover.api.Contact;
import org.omotenashi.handover.api.CustomerNotes;
import org.omotenashi.handover.api.Expectation;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.Importance;

/** Reads handover requests from JSON, shared by REST and SOAP so both refuse the same things the same way. */
final class HandoverRequests {
    static final int ID = 100;
    static final int NAME = 200;
    static final int TEXT = 2000;
    static final int MAX_CONTACTS = 20;
    static final int MAX_EXPECTATIONS = 50;
    static final int MAX_PROMISES = 50;
    static final int MAX_QUESTIONS = 20;
    static final java.util.Set<String> LANGUAGES = java.util.Set.of(Contact.DUTCH, Contact.ENGLISH);

    private HandoverRequests() {
    }

    /** Reads the content of a handover, every field checked; {@code in.validate()} is the caller's to call. */
    static HandoverDraft draft(JsonInput in, Instant now) {
        String dealRef = in.requiredText("dealRef", ID);
        String customerId = in.requiredText("customerId", ID);
        String customerName = in.optionalText("customerName", NAME);
        String soldBy = in.optionalText("soldBy", ID);
        String serviceTeam = in.optionalText("serviceTeam", ID);
        LocalDate contractStart = date(in, "contractStart");
        List<Contact> contacts = in.objects("contacts", HandoverRequests::contact);
        List<Expectation> expectations = in.objects("expectations", HandoverRequests::expectation);
        List<HandedPromise> promises = in.objects("promises", p -> promise(p, now));
        limit(in, "contacts", contacts, MAX_CONTACTS);
        if (contacts.stream().filter(Contact::markedPrimary).count() > 1) {
            in.error("contacts", "may mark one contact as primary, not more");
        }
        limit(in, "expectations", expectations, MAX_EXPECTATIONS);
        limit(in, "promises", promises, MAX_PROMISES);
        JsonInput notesInput = in.object("notes");
        CustomerNotes notes = new CustomerNotes(notesInput.optionalText("preferences", TEXT),
                notesInput.optionalText("access", TEXT), notesInput.optionalText("sensitivities", TEXT));
        return new HandoverDraft(dealRef, customerId, customerName, soldBy, serviceTeam, contractStart, contacts,
                expectations, promises, HandoverRules.noNotes(notes) ? null : notes);
    }

    /** Reads service's questions when returning a handover: at least one. */
    static List<String> questions(JsonInput in) {
        List<String> questions = in.texts("questions", TEXT);
        if (questions.isEmpty() && !in.hasErrors()) {
            in.error("questions", "must hold at least one question");
        }
        limit(in, "questions", questions, MAX_QUESTIONS);
        return questions;
    }

    private static Contact contact(JsonInput in) {
        String name = in.requiredText("name", NAME);
        String role = in.optionalText("role", NAME);
        String email = in.optionalEmail("email");
        String phone = in.optionalPhone("phone");
        String language = in.optionalChoice("language", LANGUAGES);
        Boolean primary = in.optionalBoolean("primary");
        return new Contact(name, role, email, phone, language, Boolean.TRUE.equals(primary) ? Boolean.TRUE : null);
    }

    private static Expectation expectation(JsonInput in) {
        return new Expectation(in.requiredText("text", TEXT), in.requiredEnum("importance", Importance.class));
    }

    private static HandedPromise promise(JsonInput in, Instant now) {
        String description = in.requiredText("description", TEXT);
        Instant dueAt = in.requiredInstant("dueAt");
        if (dueAt != null && !dueAt.isAfter(now)) {
            in.error("dueAt", "must be in the future");
        }
        return new HandedPromise(description, dueAt, null);
    }

    private static LocalDate date(JsonInput in, String field) {
        return in.optionalDate(field);
    }

    private static void limit(JsonInput in, String field, List<?> items, int max) {
        if (items.size() > max) {
            in.error(field, "must hold at most " + max + " items");
        }
    }
}
