package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationLevel;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.EscalationTopics;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.api.PlannedAction;
import org.omotenashi.escalation.api.Subject;
import org.omotenashi.escalation.api.TriggerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rules firing: an event or a run of the schedule finds the rules that hold for a subject; each opens an
 * escalation (or raises the subject's open one) and queues its actions in the outbox, all in one
 * transaction. The same rule never opens a second escalation for a subject while one is unresolved (a
 * unique key guards it) nor fires within its cooldown; unacknowledged escalations move up a level.
 */
final class Firing {
    private static final Logger LOG = LoggerFactory.getLogger(Firing.class);
    private static final Set<String> SETTLED = Set.of("omotenashi/promise/KEPT", "omotenashi/promise/KEPT_LATE",
            "omotenashi/promise/CANCELLED");
    static final int TOP_LEVEL = 3;

    private final DataSource dataSource;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final ConditionEngine conditions;
    private final ActionPlanner planner;
    private final EscalationStore store;
    private final EscalationOutbox outbox;
    private final EscalationRules rules;
    private final Candidates candidates;
    private final RecentEvents recent;
    private final EscalationLifecycle lifecycle;
    private final Supplier<EscalationSettings> settings;

    /** What one firing did: the escalation opened or raised, or why nothing happened. */
    record Outcome(Escalation escalation, String event, String blockedBy, List<PlannedAction> planned) {
    }

    /**
     * What one event did to the rules: how many event rules on its topic held, the escalations it opened or
     * raised, and how many held but were kept back (an escalation still open, the cooldown, the top level).
     */
    record EventResult(int matchedRules, List<Escalation> changed, List<String> opened, List<String> raised,
                       int suppressed) {
    }

    /** What one run of the time triggers looked at and opened. */
    record TimeSweep(int subjects, int fired) {
    }

    Firing(DataSource dataSource, Clock clock, BusinessCalendar calendar,
           ConditionEngine conditions, EscalationStore store, EscalationOutbox outbox, EscalationRules rules,
           Candidates candidates, RecentEvents recent, EscalationLifecycle lifecycle,
           Supplier<EscalationSettings> settings) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.calendar = calendar;
        this.conditions = conditions;
        this.planner = new ActionPlanner(calendar);
        this.store = store;
        this.outbox = outbox;
        this.rules = rules;
        this.candidates = candidates;
        this.recent = recent;
        this.lifecycle = lifecycle;
        this.settings = settings;
    }

    /**
     * Evaluates the enabled event rules for one event pushed by a facility system or posted to EventAdmin by
     * another bundle, in a transaction of its own; the suite's own events come from the log through
     * {@link #evaluateOn}.
     */
    EventResult evaluate(String topic, Map<String, Object> properties) {
        return Transactions.inTransaction(dataSource, c -> evaluateOn(c, topic, properties, true));
    }

    /** Whether an event of the log concerns the rules at all: the log's consumer passes over the others. */
    boolean concerns(String topic) {
        if (topic == null || topic.startsWith(EscalationTopics.PREFIX)) {
            return false;
        }
        if (settings.get().resolveSettledPromises() && SETTLED.contains(topic)) {
            return true;
        }
        return rules.all().stream().anyMatch(r -> r.enabled() && r.trigger().type() == TriggerType.EVENT
                && r.trigger().matches(topic));
    }

    /**
     * Evaluates the enabled event rules for one event in the caller's transaction: the escalations, their outbox
     * rows, timeline rows and events commit with it or not at all. A rule that meets an escalation opened meanwhile
     * (the unique key) rolls back to its savepoint only, so the other rules still count.
     *
     * @param remember keep the event for dry runs (events of the log are read back from the log instead)
     */
    EventResult evaluateOn(Connection c, String topic, Map<String, Object> properties, boolean remember)
            throws SQLException {
        if (topic == null || topic.startsWith(EscalationTopics.PREFIX)) {
            return new EventResult(0, List.of(), List.of(), List.of(), 0);
        }
        Map<String, Object> plain = Candidates.plainValues(properties);
        if (remember) {
            recent.add(topic, plain);
        }
        if (settings.get().resolveSettledPromises() && SETTLED.contains(topic) && plain.get("promiseId") != null) {
            lifecycle.resolveAllOn(c, new Subject("promise", plain.get("promiseId").toString()), "system",
                    "the promise was " + topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
        }
        List<Escalation> changed = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        int matched = 0;
        int suppressed = 0;
        for (EscalationRule rule : rules.all()) {
            if (!rule.enabled() || rule.trigger().type() != TriggerType.EVENT || !rule.trigger().matches(topic)) {
                continue;
            }
            Candidates.Candidate candidate = candidates.ofEvent(rule, topic, plain);
            if (!holds(rule, candidate)) {
                continue;
            }
            Outcome outcome = fireOn(c, rule, candidate);
            matched++;
            if (outcome.escalation() != null) {
                changed.add(outcome.escalation());
                (EscalationTopics.RAISED.equals(outcome.event()) ? raised : opened).add(outcome.escalation().id());
            } else {
                suppressed++;
            }
        }
        return new EventResult(matched, changed, opened, raised, suppressed);
    }

    /** Evaluates the time-triggered rules against the current promises; the schedule calls it. */
    TimeSweep evaluateTimeTriggers() {
        int subjects = 0;
        int fired = 0;
        for (EscalationRule rule : rules.all()) {
            if (!rule.enabled() || rule.trigger().type() != TriggerType.TIME) {
                continue;
            }
            List<Candidates.Candidate> found = candidates.ofTime(rule, true);
            subjects += found.size();
            for (Candidates.Candidate candidate : found) {
                Outcome outcome = fireIfHolds(rule, candidate, false);
                if (outcome != null && outcome.escalation() != null) {
                    fired++;
                }
            }
        }
        return new TimeSweep(subjects, fired);
    }

    private boolean holds(EscalationRule rule, Candidates.Candidate candidate) {
        try {
            return conditions.holds(rule.condition(), candidate.variables());
        } catch (RuntimeException e) {
            LOG.warn("Condition of escalation rule {} could not be evaluated for {}: {}", rule.id(),
                    candidate.subject(), e.getMessage());
            return false;
        }
    }

    /** Null when the rule's condition does not hold for the candidate (or cannot be evaluated). */
    Outcome fireIfHolds(EscalationRule rule, Candidates.Candidate candidate, boolean dryRun) {
        if (!holds(rule, candidate)) {
            return null;
        }
        if (dryRun) {
            return Transactions.read(dataSource, c -> fire(c, rule, candidate, clock.instant(), true));
        }
        return Transactions.inTransaction(dataSource, c -> fireOn(c, rule, candidate));
    }

    /** Fires a rule whose condition holds, in the caller's transaction, behind a savepoint of its own. */
    private Outcome fireOn(Connection c, EscalationRule rule, Candidates.Candidate candidate) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            Outcome o = fire(c, rule, candidate, clock.instant(), false);
            if (o.escalation() != null) {
                lifecycle.record(c, o.event(), o.escalation());
            }
            c.releaseSavepoint(before);
            return o;
        } catch (SQLException e) {
            if (!Transactions.isDuplicateKey(e)) {
                throw e;
            }
            // A concurrent event opened it first; PostgreSQL needs the savepoint to go on with this transaction.
            c.rollback(before);
            return new Outcome(null, null, "an escalation of this rule is already open for the subject", List.of());
        }
    }

    private Outcome fire(Connection c, EscalationRule rule, Candidates.Candidate candidate, Instant now, boolean dryRun)
            throws SQLException {
        Subject subject = candidate.subject();
        Instant last = store.lastFired(c, rule.id() == null ? "" : rule.id(), subject);
        if (last != null && !rule.cooldown().isZero() && now.isBefore(last.plus(rule.cooldown()))) {
            return new Outcome(null, null, "cooldown until " + last.plus(rule.cooldown()), List.of());
        }
        boolean raises = rule.actions().stream().anyMatch(a -> a.type() == ActionType.RAISE);
        if (raises) {
            // RAISE moves up what another rule opened; the rule's own escalation is not raised by the same rule
            // again on every event or schedule run (its levels rise by their acknowledgement times).
            List<EscalationStore.StoredEscalation> open = store.unresolvedFor(c, subject).stream()
                    .filter(e -> !e.escalation().ruleId().equals(rule.id())).toList();
            if (!open.isEmpty()) {
                EscalationStore.StoredEscalation target = open.get(0);
                if (dryRun) {
                    return new Outcome(null, null, null, List.of());
                }
                store.fired(c, rule.id(), subject, now);
                Escalation raised = raise(c, target, now, "rule:" + rule.name(), "raised by rule " + rule.name());
                return new Outcome(raised, EscalationTopics.RAISED, raised == null ? "already at the top level" : null,
                        List.of());
            }
        }
        Optional<EscalationStore.StoredEscalation> existing = rule.id() == null ? Optional.empty()
                : store.unresolved(c, rule.id(), subject);
        if (existing.isPresent()) {
            return new Outcome(null, null, "escalation " + existing.get().escalation().id() + " is still "
                    + existing.get().escalation().status(), List.of());
        }
        List<String> notes = new ArrayList<>();
        Object topic = candidate.variables().get("topic");
        HistoryEntry opened = new HistoryEntry(now, "OPENED", rule.level(), "rule:" + rule.name(),
                topic == null || topic.toString().isEmpty() ? "time trigger" : "after " + topic);
        Escalation escalation = new Escalation(dryRun ? "dry-run" : UUID.randomUUID().toString(),
                rule.id() == null ? "unsaved" : rule.id(), rule.name(), subject, candidate.customerId(), rule.level(),
                EscalationStatus.OPEN, now, now, null, null, List.of(opened), 1);
        List<ActionPlanner.Planned> planned = planner.plan(rule, escalation, "OPENED", candidate.variables(), now,
                settings.get(), notes);
        List<PlannedAction> views = planned.stream().map(p -> p.view(rule.level())).toList();
        if (dryRun) {
            return new Outcome(escalation, EscalationTopics.OPENED, null, views);
        }
        if (!notes.isEmpty()) {
            List<HistoryEntry> history = new ArrayList<>(escalation.history());
            notes.forEach(n -> history.add(new HistoryEntry(now, "NOTE", rule.level(), "system", n)));
            escalation = withHistory(escalation, history);
        }
        store.insertEscalation(c, escalation, candidate.variables());
        for (ActionPlanner.Planned p : planned) {
            outbox.enqueue(c, p);
        }
        store.fired(c, rule.id(), subject, now);
        return new Outcome(escalation, EscalationTopics.OPENED, null, views);
    }

    /** Moves an escalation up one level and queues that level's actions; null when it is at the top. */
    private Escalation raise(Connection c, EscalationStore.StoredEscalation stored, Instant now, String by, String note)
            throws SQLException {
        Escalation e = stored.escalation();
        if (e.level() >= TOP_LEVEL) {
            return null;
        }
        int level = e.level() + 1;
        List<HistoryEntry> history = new ArrayList<>(e.history());
        history.add(new HistoryEntry(now, "RAISED", level, by, note));
        EscalationRule rule = rules.rule(e.ruleId()).orElse(null);
        List<String> notes = new ArrayList<>();
        Escalation raised = new Escalation(e.id(), e.ruleId(), e.ruleName(), e.subject(), e.customerId(), level,
                EscalationStatus.OPEN, e.openedAt(), now, e.acknowledgedAt(), null, history, e.version() + 1);
        List<ActionPlanner.Planned> planned = rule == null ? List.of()
                : planner.plan(rule, raised, "RAISED", stored.variables() == null ? Map.of() : stored.variables(), now,
                settings.get(), notes);
        if (!notes.isEmpty()) {
            notes.forEach(n -> history.add(new HistoryEntry(now, "NOTE", level, "system", n)));
            raised = withHistory(raised, history);
        }
        if (!store.updateEscalation(c, raised)) {
            throw ProblemException.conflict("Escalation " + e.id() + " changed meanwhile; try again.");
        }
        for (ActionPlanner.Planned p : planned) {
            outbox.enqueue(c, p);
        }
        return raised;
    }

    /**
     * Moves up every open escalation whose level's acknowledgement time has passed, counted in business time
     * from when it entered the level. The time is counted afresh against the current rule, so a changed
     * target neither loses the time already spent nor counts nights and weekends.
     */
    int raiseUnacknowledged() {
        Instant now = clock.instant();
        List<EscalationStore.StoredEscalation> open = Transactions.read(dataSource, c -> store.open(c, 1000));
        int raised = 0;
        for (EscalationStore.StoredEscalation s : open) {
            Escalation e = s.escalation();
            if (e.level() >= TOP_LEVEL) {
                continue;
            }
            EscalationLevel level = ActionPlanner.levelOf(rules.rule(e.ruleId()).orElse(null), e.level(), settings.get());
            Duration within = level.acknowledgeWithin();
            if (within == null || calendar.businessTimeBetween(e.levelSince(), now).compareTo(within) < 0) {
                continue;
            }
            try {
                Escalation up = Transactions.inTransaction(dataSource, c -> {
                    Optional<EscalationStore.StoredEscalation> fresh = store.escalation(c, e.id());
                    if (fresh.isEmpty() || fresh.get().escalation().version() != e.version()) {
                        return null;
                    }
                    Escalation r = raise(c, fresh.get(), now, "system", "not acknowledged within " + within + " of business time");
                    if (r != null) {
                        lifecycle.record(c, EscalationTopics.RAISED, r);
                    }
                    return r;
                });
                if (up != null) {
                    raised++;
                }
            } catch (ProblemException conflict) {
                LOG.debug("Escalation {} changed while being raised; the next run looks again", e.id());
            }
        }
        return raised;
    }

    private static Escalation withHistory(Escalation e, List<HistoryEntry> history) {
        return new Escalation(e.id(), e.ruleId(), e.ruleName(), e.subject(), e.customerId(), e.level(), e.status(),
                e.openedAt(), e.levelSince(), e.acknowledgedAt(), e.resolvedAt(), history, e.version());
    }
}
