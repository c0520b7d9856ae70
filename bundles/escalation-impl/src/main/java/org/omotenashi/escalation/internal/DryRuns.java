package org.omotenashi.escalation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.escalation.api.DryRun;
import org.omotenashi.escalation.api.DryRunMatch;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.Subject;
import org.omotenashi.escalation.api.TriggerType;

/**
 * What a rule, saved or not, would do now, sending nothing: an event rule against the recent events of its
 * topic, a time rule against the current promises.
 */
final class DryRuns {
    private final Clock clock;
    private final Candidates candidates;
    private final RecentEvents recent;
    private final Firing firing;
    private final EscalationEvents events;

    DryRuns(Clock clock, Candidates candidates, RecentEvents recent, Firing firing, EscalationEvents events) {
        this.clock = clock;
        this.events = events;
        this.candidates = candidates;
        this.recent = recent;
        this.firing = firing;
    }

    DryRun dryRun(EscalationRule rule) {
        Instant now = clock.instant();
        List<Candidates.Candidate> subjects = new ArrayList<>();
        String note = null;
        if (rule.trigger().type() == TriggerType.TIME) {
            subjects.addAll(candidates.ofTime(rule, false));
            if (!candidates.hasPromises()) {
                note = "the promise tracker is not installed, so a time trigger has no subjects";
            }
        } else {
            Map<Subject, Boolean> seen = new HashMap<>();
            List<RecentEvents.Seen> recentEvents = new ArrayList<>();
            for (DomainEvent logged : events.recent(rule.trigger().topic(), 500)) {
                recentEvents.add(new RecentEvents.Seen(logged.topic(), Candidates.plainValues(logged.properties())));
            }
            recentEvents.addAll(recent.snapshot());
            for (RecentEvents.Seen event : recentEvents) {
                if (rule.trigger().matches(event.topic())) {
                    Candidates.Candidate candidate = candidates.ofEvent(rule, event.topic(), event.properties());
                    if (seen.putIfAbsent(candidate.subject(), Boolean.TRUE) == null) {
                        subjects.add(candidate);
                    }
                }
            }
            if (subjects.isEmpty()) {
                note = "no event on " + rule.trigger().topic() + " is in the event log, nor was one pushed since the module started";
            }
        }
        List<DryRunMatch> matches = new ArrayList<>();
        for (Candidates.Candidate candidate : subjects) {
            Firing.Outcome outcome = firing.fireIfHolds(rule, candidate, true);
            if (outcome != null) {
                matches.add(new DryRunMatch(candidate.subject(), candidate.customerId(), candidate.variables(),
                        outcome.blockedBy(), outcome.planned()));
            }
        }
        return new DryRun(rule.id(), now, matches, note);
    }
}
