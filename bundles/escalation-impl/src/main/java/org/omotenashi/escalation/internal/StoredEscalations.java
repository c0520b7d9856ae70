package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.escalation.api.ActionType;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.DryRun;
import org.omotenashi.escalation.api.DryRunMatch;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationLevel;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.EscalationTopics;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.api.PlannedAction;
import org.omotenashi.escalation.api.Subject;
import org.omotenashi.escalation.api.TriggerType;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation rules at work, in plain Java so it is testable without OSGi: rules are stored as JSON,
 * escalations and their outbox rows are written in one transaction, the same rule never opens a second
 * escalation for a subject while one is unresolved (a unique key guards it) nor fires within its cooldown.
 */
public class StoredEscalations implements EscalationService {
    private static final Logger LOG = LoggerFactory.getLogger(StoredEscalations.class);
    private static final Set<String> SETTLED = Set.of("omotenashi/promise/KEPT", "omotenashi/promise/KEPT_LATE",
            "omotenashi/promise/CANCELLED");
    private static final int TOP_LEVEL = 3;

    private final DataSource dataSource;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final EscalationEvents events;
    private final Supplier<PromiseTracker> tracker;
    private final ConditionEngine conditions = new ConditionEngine();
    private final ActionPlanner planner;
    private final EscalationStore store;
    private final RecentEvents recent = new RecentEvents(500);
    private volatile EscalationSettings settings;
    private volatile List<EscalationRule> rules = List.of();
    /** Per time rule, where its next run goes on reading; kept in memory, so a restart begins at the earliest. */
    private final Map<String, String> timeCursors = new ConcurrentHashMap<>();
    private volatile int timeSubjectsPerRun = TIME_SUBJECTS_PER_RUN;

    /** What one firing did: the escalation opened or raised, or why nothing happened. */
    record Outcome(Escalation escalation, String event, String blockedBy, List<PlannedAction> planned) {
    }

    /** A subject a rule is evaluated for, with the variables its condition and templates see. */
    record Candidate(Subject subject, String customerId, Map<String, Object> variables) {
    }

    public StoredEscalations(DataSource dataSource, SecretSeal seal, Clock clock, BusinessCalendar calendar,
                             EscalationEvents events, Supplier<PromiseTracker> tracker, EscalationSettings settings) {
        this.dataSource = dataSource;
        this.store = new EscalationStore(seal);
        this.clock = clock;
        this.calendar = calendar;
        this.events = events;
        this.tracker = tracker;
        this.settings = settings;
        this.planner = new ActionPlanner(calendar);
        int sealed = Transactions.inTransaction(dataSource, store::sealStoredSecrets);
        if (sealed > 0) {
            LOG.info("Sealed the webhook secrets of {} rules and deliveries stored before secrets were sealed", sealed);
        }
        reloadRules();
    }

    void setSettings(EscalationSettings settings) {
        this.settings = settings;
    }

    RuleJson ruleReader() {
        return new RuleJson(conditions, settings.allowLocalWebhooks());
    }

    // ---- rules

    @Override
    public List<EscalationRule> rules() {
        return rules;
    }

    @Override
    public Optional<EscalationRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public EscalationRule createRule(EscalationRule rule) {
        return createRule(rule, EscalationRule.SOURCE_API, UUID.randomUUID().toString());
    }

    private EscalationRule createRule(EscalationRule rule, String source, String id) {
        EscalationRule stored = RuleJson.withSecrets(revalidate(rule), null).stored(id, source, 1);
        String definition = definition(stored);
        Transactions.inTransaction(dataSource, c -> {
            store.insertRule(c, id, stored.name(), definition, source, clock.instant());
            return null;
        });
        reloadRules();
        return stored;
    }

    @Override
    public EscalationRule updateRule(String id, EscalationRule rule, Long expectedVersion) {
        EscalationRule current = rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        if (current.fromFile()) {
            throw ProblemException.conflict("Rule " + id + " is read from " + current.source() + "; change the file instead.");
        }
        return replaceRule(current, rule, expectedVersion, EscalationRule.SOURCE_API);
    }

    private EscalationRule replaceRule(EscalationRule current, EscalationRule rule, Long expectedVersion, String source) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw ProblemException.staleVersion(current.version());
        }
        EscalationRule stored = RuleJson.withSecrets(revalidate(rule), current)
                .stored(current.id(), source, current.version() + 1);
        String definition = definition(stored);
        boolean written = Transactions.inTransaction(dataSource, c -> store.updateRule(c, current.id(), stored.name(),
                definition, source, current.version(), clock.instant()));
        if (!written) {
            reloadRules();
            throw ProblemException.staleVersion(rule(current.id()).map(EscalationRule::version).orElse(0L));
        }
        reloadRules();
        return stored;
    }

    @Override
    public void deleteRule(String id) {
        EscalationRule current = rule(id).orElseThrow(() -> ProblemException.notFound("escalation rule", id));
        if (current.fromFile()) {
            throw ProblemException.conflict("Rule " + id + " is read from " + current.source() + "; remove the file instead.");
        }
        Transactions.inTransaction(dataSource, c -> store.deleteRule(c, id));
        reloadRules();
    }

    /**
     * Brings the rules read from files in line with the files found: new ones are added, changed ones
     * replaced, those whose file is gone removed. Escalations they opened stay.
     */
    void syncFileRules(Map<String, RuleFiles.FileRule> found) {
        for (RuleFiles.FileRule file : found.values()) {
            Optional<EscalationRule> current = rule(file.id());
            if (current.isEmpty()) {
                createRule(file.rule(), file.source(), file.id());
                LOG.info("Escalation rule {} added from {}", file.id(), file.source());
            } else if (!current.get().fromFile()) {
                LOG.warn("Rule file {} ignored: a rule with id {} was created over REST", file.source(), file.id());
            } else if (!sameDefinition(current.get(), file.rule())) {
                replaceRule(current.get(), file.rule(), null, file.source());
                LOG.info("Escalation rule {} updated from {}", file.id(), file.source());
            }
        }
        for (EscalationRule r : rules) {
            if (r.fromFile() && !found.containsKey(r.id())) {
                Transactions.inTransaction(dataSource, c -> store.deleteRule(c, r.id()));
                LOG.info("Escalation rule {} removed: {} is gone", r.id(), r.source());
            }
        }
        reloadRules();
    }

    private static boolean sameDefinition(EscalationRule stored, EscalationRule fromFile) {
        EscalationRule comparable = RuleJson.withSecrets(fromFile, stored).stored(stored.id(), stored.source(), stored.version());
        return definition(comparable).equals(definition(stored)) && stored.source().equals(fromFile.source());
    }

    /** Rules arriving through the API were read by the REST layer; this catches those built in code. */
    private EscalationRule revalidate(EscalationRule rule) {
        return ruleReader().read(RuleJson.write(rule.stored(null, null, 0), true));
    }

    /** The rule as stored; one too large for its column is the caller's to shorten, not a storage failure. */
    private static String definition(EscalationRule rule) {
        String definition = RuleJson.write(rule.stored(null, null, 0), true).toString();
        if (definition.length() > RuleJson.MAX_DEFINITION) {
            throw ProblemException.invalid("$", "the rule is too large: at most " + RuleJson.MAX_DEFINITION
                    + " characters of JSON (templates, recipients and variables together)");
        }
        return definition;
    }

    void reloadRules() {
        List<EscalationStore.StoredRule> stored = Transactions.read(dataSource, store::rules);
        // Stored rules were validated when saved; the webhook target is checked again before each delivery.
        RuleJson reader = new RuleJson(conditions, true);
        List<EscalationRule> loaded = new ArrayList<>();
        for (EscalationStore.StoredRule s : stored) {
            try {
                loaded.add(reader.read(Json.mapper().readTree(s.definition())).stored(s.id(), s.source(), s.version()));
            } catch (ProblemException | java.io.IOException e) {
                LOG.error("Stored escalation rule {} cannot be read and is skipped: {}", s.id(), e.getMessage());
            }
        }
        rules = List.copyOf(loaded);
        Set<String> ids = new HashSet<>();
        loaded.forEach(r -> ids.add(r.id()));
        timeCursors.keySet().retainAll(ids);
    }

    // ---- firing

    /**
     * What one event did to the rules: how many event rules on its topic held, the escalations it opened or
     * raised, and how many held but were kept back (an escalation still open, the cooldown, the top level).
     */
    record EventResult(int matchedRules, List<Escalation> changed, List<String> opened, List<String> raised,
                       int suppressed) {
    }

    /** How many promises one time rule looks at in one run of the schedule (about; pages are read whole). */
    static final int TIME_SUBJECTS_PER_RUN = 5000;

    /** A smaller share per run, so a test can watch several runs over a few hundred promises. */
    void limitTimeSubjectsPerRun(int subjects) {
        timeSubjectsPerRun = subjects;
    }

    /** What one run of the time triggers looked at and opened. */
    record TimeSweep(int subjects, int fired) {
    }

    @Override
    public List<Escalation> onEvent(String topic, Map<String, Object> properties) {
        return evaluate(topic, properties).changed();
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
        if (settings.resolveSettledPromises() && SETTLED.contains(topic)) {
            return true;
        }
        return rules.stream().anyMatch(r -> r.enabled() && r.trigger().type() == TriggerType.EVENT
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
        Map<String, Object> plain = plainValues(properties);
        if (remember) {
            recent.add(topic, plain);
        }
        if (settings.resolveSettledPromises() && SETTLED.contains(topic) && plain.get("promiseId") != null) {
            resolveAllOn(c, new Subject("promise", plain.get("promiseId").toString()), "system",
                    "the promise was " + topic.substring(topic.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT));
        }
        List<Escalation> changed = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        List<String> raised = new ArrayList<>();
        int matched = 0;
        int suppressed = 0;
        for (EscalationRule rule : rules) {
            if (!rule.enabled() || rule.trigger().type() != TriggerType.EVENT || !rule.trigger().matches(topic)) {
                continue;
            }
            Candidate candidate = candidate(rule, topic, plain);
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
        for (EscalationRule rule : rules) {
            if (!rule.enabled() || rule.trigger().type() != TriggerType.TIME) {
                continue;
            }
            List<Candidate> candidates = timeCandidates(rule, true);
            subjects += candidates.size();
            for (Candidate candidate : candidates) {
                Outcome outcome = fireIfHolds(rule, candidate, false);
                if (outcome != null && outcome.escalation() != null) {
                    fired++;
                }
            }
        }
        return new TimeSweep(subjects, fired);
    }

    private boolean holds(EscalationRule rule, Candidate candidate) {
        try {
            return conditions.holds(rule.condition(), candidate.variables());
        } catch (RuntimeException e) {
            LOG.warn("Condition of escalation rule {} could not be evaluated for {}: {}", rule.id(),
                    candidate.subject(), e.getMessage());
            return false;
        }
    }

    private Outcome fireIfHolds(EscalationRule rule, Candidate candidate, boolean dryRun) {
        if (!holds(rule, candidate)) {
            return null;
        }
        if (dryRun) {
            return Transactions.read(dataSource, c -> fire(c, rule, candidate, clock.instant(), true));
        }
        return Transactions.inTransaction(dataSource, c -> fireOn(c, rule, candidate));
    }

    /** Fires a rule whose condition holds, in the caller's transaction, behind a savepoint of its own. */
    private Outcome fireOn(Connection c, EscalationRule rule, Candidate candidate) throws SQLException {
        Savepoint before = c.setSavepoint();
        try {
            Outcome o = fire(c, rule, candidate, clock.instant(), false);
            if (o.escalation() != null) {
                record(c, o.event(), o.escalation());
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

    /** The escalation's newest step, as a timeline row and as an event, in the transaction of the step. */
    private void record(Connection c, String topic, Escalation e) throws SQLException {
        HistoryEntry step = EscalationEvents.lastStep(e);
        if (step != null) {
            store.insertStep(c, e, step);
        }
        events.write(c, topic, e);
    }

    private Outcome fire(Connection c, EscalationRule rule, Candidate candidate, Instant now, boolean dryRun)
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
                settings, notes);
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
            store.insertDelivery(c, p.delivery(), p.secret());
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
        EscalationRule rule = rule(e.ruleId()).orElse(null);
        List<String> notes = new ArrayList<>();
        Escalation raised = new Escalation(e.id(), e.ruleId(), e.ruleName(), e.subject(), e.customerId(), level,
                EscalationStatus.OPEN, e.openedAt(), now, e.acknowledgedAt(), null, history, e.version() + 1);
        List<ActionPlanner.Planned> planned = rule == null ? List.of()
                : planner.plan(rule, raised, "RAISED", stored.variables() == null ? Map.of() : stored.variables(), now,
                settings, notes);
        if (!notes.isEmpty()) {
            notes.forEach(n -> history.add(new HistoryEntry(now, "NOTE", level, "system", n)));
            raised = withHistory(raised, history);
        }
        if (!store.updateEscalation(c, raised)) {
            throw ProblemException.conflict("Escalation " + e.id() + " changed meanwhile; try again.");
        }
        for (ActionPlanner.Planned p : planned) {
            store.insertDelivery(c, p.delivery(), p.secret());
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
            EscalationLevel level = ActionPlanner.levelOf(rule(e.ruleId()).orElse(null), e.level(), settings);
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
                        record(c, EscalationTopics.RAISED, r);
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

    // ---- candidates

    private Candidate candidate(EscalationRule rule, String topic, Map<String, Object> properties) {
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
    private List<Candidate> timeCandidates(EscalationRule rule, boolean resume) {
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
                Map<String, Object> properties = promiseProperties(p);
                Map<String, Object> variables = variables(rule, p.customerId(), properties);
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
        if (customerId != null && settings.segments().containsKey(customerId)) {
            variables.put("segment", settings.segments().get(customerId));
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

    private static Map<String, Object> plainValues(Map<String, Object> properties) {
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

    // ---- dry run

    @Override
    public DryRun dryRun(EscalationRule rule) {
        Instant now = clock.instant();
        List<Candidate> candidates = new ArrayList<>();
        String note = null;
        if (rule.trigger().type() == TriggerType.TIME) {
            candidates.addAll(timeCandidates(rule, false));
            if (tracker.get() == null) {
                note = "the promise tracker is not installed, so a time trigger has no subjects";
            }
        } else {
            Map<Subject, Boolean> seen = new HashMap<>();
            List<RecentEvents.Seen> recentEvents = new ArrayList<>();
            for (DomainEvent logged : events.recent(rule.trigger().topic(), 500)) {
                recentEvents.add(new RecentEvents.Seen(logged.topic(), plainValues(logged.properties())));
            }
            recentEvents.addAll(recent.snapshot());
            for (RecentEvents.Seen event : recentEvents) {
                if (rule.trigger().matches(event.topic())) {
                    Candidate candidate = candidate(rule, event.topic(), event.properties());
                    if (seen.putIfAbsent(candidate.subject(), Boolean.TRUE) == null) {
                        candidates.add(candidate);
                    }
                }
            }
            if (candidates.isEmpty()) {
                note = "no event on " + rule.trigger().topic() + " is in the event log, nor was one pushed since the module started";
            }
        }
        List<DryRunMatch> matches = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Outcome outcome = fireIfHolds(rule, candidate, true);
            if (outcome != null) {
                matches.add(new DryRunMatch(candidate.subject(), candidate.customerId(), candidate.variables(),
                        outcome.blockedBy(), outcome.planned()));
            }
        }
        return new DryRun(rule.id(), now, matches, note);
    }

    // ---- escalations

    @Override
    public Page<Escalation> list(EscalationQuery query) {
        List<String> cursor = PageCursor.decode(query.cursor(), 2);
        Long beforeOpenedAt = null;
        if (cursor != null) {
            try {
                beforeOpenedAt = Long.parseLong(cursor.get(0));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
            }
        }
        Long before = beforeOpenedAt;
        List<Escalation> rows = Transactions.read(dataSource, c -> store.list(c, query, before,
                cursor == null ? null : cursor.get(1)));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        List<Escalation> page = rows.subList(0, query.limit());
        Escalation last = page.get(page.size() - 1);
        return new Page<>(page, PageCursor.encode(Long.toString(last.openedAt().toEpochMilli()), last.id()));
    }

    @Override
    public Optional<Escalation> find(String id) {
        return Transactions.read(dataSource, c -> store.escalation(c, id)).map(EscalationStore.StoredEscalation::escalation);
    }

    @Override
    public Escalation acknowledge(String id, String by, String note) {
        return change(id, e -> {
            if (e.status() != EscalationStatus.OPEN) {
                throw ProblemException.conflict("Escalation " + id + " is " + e.status() + "; only an OPEN one can be acknowledged.");
            }
        }, EscalationStatus.ACKNOWLEDGED, "ACKNOWLEDGED", by, note, EscalationTopics.ACKNOWLEDGED);
    }

    @Override
    public Escalation resolve(String id, String by, String note) {
        return change(id, e -> {
            if (e.status() == EscalationStatus.RESOLVED) {
                throw ProblemException.conflict("Escalation " + id + " is already RESOLVED.");
            }
        }, EscalationStatus.RESOLVED, "RESOLVED", by, note, EscalationTopics.RESOLVED);
    }

    /** Resolves every unresolved escalation of the subject, in the caller's transaction. */
    private void resolveAllOn(Connection c, Subject subject, String by, String note) throws SQLException {
        for (EscalationStore.StoredEscalation s : store.unresolvedFor(c, subject)) {
            if (s.escalation().status() != EscalationStatus.RESOLVED) {
                changeOn(c, s.escalation().id(), e -> { }, EscalationStatus.RESOLVED, "RESOLVED", by, note,
                        EscalationTopics.RESOLVED);
            }
        }
    }

    private Escalation change(String id, java.util.function.Consumer<Escalation> check, EscalationStatus status,
                              String event, String by, String note, String topic) {
        return Transactions.inTransaction(dataSource, c -> changeOn(c, id, check, status, event, by, note, topic));
    }

    private Escalation changeOn(Connection c, String id, java.util.function.Consumer<Escalation> check,
                                EscalationStatus status, String event, String by, String note, String topic)
            throws SQLException {
        Escalation e = store.escalation(c, id).map(EscalationStore.StoredEscalation::escalation)
                .orElseThrow(() -> ProblemException.notFound("escalation", id));
        check.accept(e);
        Instant now = clock.instant();
        List<HistoryEntry> history = new ArrayList<>(e.history());
        history.add(new HistoryEntry(now, event, e.level(), by, note));
        Escalation next = new Escalation(e.id(), e.ruleId(), e.ruleName(), e.subject(), e.customerId(), e.level(),
                status, e.openedAt(), e.levelSince(),
                status == EscalationStatus.ACKNOWLEDGED ? now : e.acknowledgedAt(),
                status == EscalationStatus.RESOLVED ? now : e.resolvedAt(), history, e.version() + 1);
        if (!store.updateEscalation(c, next)) {
            throw ProblemException.conflict("Escalation " + id + " changed meanwhile; fetch it and try again.");
        }
        record(c, topic, next);
        return next;
    }

    private static Escalation withHistory(Escalation e, List<HistoryEntry> history) {
        return new Escalation(e.id(), e.ruleId(), e.ruleName(), e.subject(), e.customerId(), e.level(), e.status(),
                e.openedAt(), e.levelSince(), e.acknowledgedAt(), e.resolvedAt(), history, e.version());
    }

    @Override
    public List<Delivery> deliveries(DeliveryStatus status, int limit) {
        return Transactions.read(dataSource, c -> store.deliveries(c, status, limit));
    }
}
