package org.omotenashi.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.model.Page;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.Subject;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/**
 * The subjects a rule is evaluated for, with the variables its condition and templates see: the subject of
 * an event, or the promises a time trigger looks at (read page by page, each run going on where the last
 * one stopped).
 */
final class Candidates {
    /** How many promises one time rule looks at in one run of the schedule (about; pages are read whole). */
    static final int TIME_SUBJECTS_PER_RUN = 5000;

    /** A subject a rule is evaluated for, with the variables its condition and templates see. */
    record Candidate(Subject subject, String customerId, Map<String, Object> variables) {
    }

    private final Clock clock;
    private final BusinessCalendar calendar;
    private final Supplier<PromiseTracker> tracker;
    private final Supplier<EscalationSettings> settings;
    /** Per time rule, where its next run goes on reading; kept in memory, so a restart begins at the earliest. */
    private final Map<String, String> timeCursors = new ConcurrentHashMap<>();
    private volatile int timeSubjectsPerRun = TIME_SUBJECTS_PER_RUN;

    Candidates(Clock clock, BusinessCalendar calendar, Supplier<PromiseTracker> tracker,
               Supplier<EscalationSettings> settings) {
        this.clock = clock;
        this.calendar = calendar;
        this.tracker = tracker;
        this.settings = settings;
    }

    /** A smaller share per run, so a test can watch several runs over a few hundred promises. */
    void limitTimeSubjectsPerRun(int subjects) {
        timeSubjectsPerRun = subjects;
    }

    /** Forgets where rules that no longer exist stopped reading. */
    void retainRules(Set<String> ruleIds) {
        timeCursors.keySet().retainAll(ruleIds);
    }

    boolean hasPromises() {
        return tracker.get() != null;
    }

    /** The subject of an event: {@code <type>Id} (or {@code id}) of its properties, the type from the topic. */
    Candidate ofEvent(EscalationRule rule, String topic, Map<String, Object> properties) {
        String[] parts = topic.split("/");
        String type = parts.length > 1 ? parts[1] : "event";
        Object ref = properties.get(type + "Id");
        if (ref == null) {
            ref = properties.get("id");
        }
        Subject subject = new Subject(type, ref == null ? topic : ref.toString());
        Object customer = properties.get("customerId");
        Map<String, Object> variables = variables(rule, customer == null ? null : customer.toString(), properties);
        variables.put("topic", topic);
        variables.put("event", parts[parts.length - 1]);
        variables.put("subjectType", subject.type());
        variables.put("subjectRef", subject.ref());
        return new Candidate(subject, customer == null ? null : customer.toString(), variables);
    }

    /**
     * The promises a time rule looks at in one run: at most {@link #TIME_SUBJECTS_PER_RUN}, in due order. With
     * {@code resume}, a run goes on where the rule's previous run stopped and the next run after the last
     * page starts again from the earliest, so a rule with more subjects than one run reads still reaches
     * every one of them in turn, also while the earliest keep escalations open. A dry run starts at the earliest.
     */
    List<Candidate> ofTime(EscalationRule rule, boolean resume) {
        PromiseTracker promises = tracker.get();
        if (promises == null) {
            return List.of();
        }
        Instant now = clock.instant();
        Duration within = rule.trigger().dueWithin();
        Instant horizon = within == null ? null
                : rule.trigger().businessTime() ? calendar.plusBusinessTime(now, within) : now.plus(within);
        PromiseStatus status = PromiseStatus.valueOf(rule.trigger().status() == null ? "OPEN" : rule.trigger().status());
        List<Candidate> candidates = new ArrayList<>();
        boolean resumable = resume && rule.id() != null;
        String cursor = resumable ? timeCursors.get(rule.id()) : null;
        do {
            Page<Promise> page = promises.list(new PromiseQuery(status, null, null, horizon, null, 200, cursor));
            for (Promise p : page.items()) {
                Map<String, Object> variables = variables(rule, p.customerId(), promiseProperties(p));
                variables.put("topic", "");
                variables.put("event", "SCHEDULE");
                variables.put("subjectType", "promise");
                variables.put("subjectRef", p.id());
                candidates.add(new Candidate(new Subject("promise", p.id()), p.customerId(), variables));
            }
            cursor = page.next();
        } while (cursor != null && candidates.size() < timeSubjectsPerRun);
        if (resumable && cursor != null) {
            timeCursors.put(rule.id(), cursor);
        } else if (resumable) {
            timeCursors.remove(rule.id());
        }
        return candidates;
    }

    private static Map<String, Object> promiseProperties(Promise p) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("promiseId", p.id());
        properties.put("customerId", p.customerId());
        putIfSet(properties, "customerName", p.customerName());
        properties.put("description", p.description());
        putIfSet(properties, "expectation", p.expectation());
        properties.put("owner", p.owner());
        properties.put("promisedBy", p.promisedBy());
        properties.put("channel", p.channel().name());
        properties.put("status", p.status().name());
        properties.put("dueAt", p.dueAt().toString());
        if (p.origin() != null) {
            putIfSet(properties, "originType", p.origin().type());
            putIfSet(properties, "originRef", p.origin().ref());
        }
        putIfSet(properties, "externalRef", p.externalRef());
        return properties;
    }

    /** Rule constants, then the configured segment, then the subject's own properties, which win. */
    private Map<String, Object> variables(EscalationRule rule, String customerId, Map<String, Object> properties) {
        Map<String, Object> variables = new LinkedHashMap<>(rule.variables());
        Map<String, String> segments = settings.get().segments();
        if (customerId != null && segments.containsKey(customerId)) {
            variables.put("segment", segments.get(customerId));
        }
        variables.putAll(properties);
        Instant now = clock.instant();
        variables.put("now", now.toString());
        Object dueAt = properties.get("dueAt");
        if (dueAt != null) {
            try {
                Instant due = OffsetDateTime.parse(dueAt.toString()).toInstant();
                variables.put("hoursToDue", Duration.between(now, due).toMinutes() / 60.0);
                variables.put("businessHoursToDue", calendar.businessTimeBetween(now, due).toMinutes() / 60.0);
            } catch (DateTimeParseException e) {
                // a dueAt that is not a timestamp is left as text; conditions can still compare it
            }
        }
        return variables;
    }

    /** An event's properties as plain values conditions can compare; EventAdmin's own ({@code event.*}) left out. */
    static Map<String, Object> plainValues(Map<String, Object> properties) {
        Map<String, Object> plain = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (v == null || k.startsWith("event.")) {
                return;
            }
            plain.put(k, v instanceof Number || v instanceof Boolean || v instanceof String ? v : v.toString());
        });
        return plain;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
