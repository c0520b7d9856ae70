package org.omotenashi.handover.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.DuplicateKeyException;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.work.Worker;
import org.omotenashi.handover.api.ChecklistItem;
import org.omotenashi.handover.api.HandedPromise;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.HandoverStats;
import org.omotenashi.handover.api.HandoverStatus;
import org.omotenashi.handover.api.HandoverTopics;
import org.omotenashi.handover.api.PendingHandover;
import org.omotenashi.handover.api.Transition;
import org.omotenashi.promises.api.PromiseTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handovers over the shared database; every step is one transaction with its timeline row and its event in the
 * durable log.
 */
@Component(service = HandoverService.class, immediate = true, configurationPid = StoredHandoverService.PID)
@Designate(ocd = HandoverConfig.class)
public class StoredHandoverService implements HandoverService {
    static final String PID = "org.omotenashi.handover";
    static final String CHANGELOG = "db/handover/changelog.xml";
    /** The watch flags this many handovers per run at most, so a long outage does not make one huge run. */
    static final int WATCH_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(StoredHandoverService.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final BusinessCalendar calendar;
    private final HandoverEvents events;
    private final PromiseRegistration registration;
    private final HandoverFigures figures;
    private final HandoverStore store = new HandoverStore();
    private final Worker watch = new Worker("omotenashi-handover-watch");
    private volatile HandoverSettings settings;
    private Worker.Schedule watchRun;
    private int watchInterval;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindTracker", unbind = "unbindTracker")
    private volatile PromiseTracker tracker;

    /**
     * Registered once its tables are migrated; it runs its own watch: overdue acknowledgements, and accepted
     * promises still to hand to the promise tracker. The tracker is an optional neighbour: the module works
     * without it, and when it appears the waiting promises go to it.
     */
    @Activate
    public StoredHandoverService(@Reference(name = "dataSource") DataSource dataSource,
                                 @Reference(name = "clock") Clock clock,
                                 @Reference(name = "calendar") BusinessCalendar calendar,
                                 @Reference(name = "eventLog") EventLog eventLog,
                                 HandoverConfig config) {
        this(migrated(dataSource), clock, calendar, new HandoverEvents(eventLog), null, HandoverSettings.of(config));
        scheduleWatch(config.checkIntervalSeconds());
    }

    /**
     * Without a watch: overdue acknowledgements are flagged and waiting promises registered only when asked.
     *
     * @param tracker the promise tracker as it is now; null for the one this component is bound to
     */
    StoredHandoverService(DataSource dataSource, Clock clock, BusinessCalendar calendar, HandoverEvents events,
                          Supplier<PromiseTracker> tracker, HandoverSettings settings) {
        Supplier<PromiseTracker> current = tracker != null ? tracker : () -> this.tracker;
        this.dataSource = dataSource;
        this.clock = clock;
        this.calendar = calendar;
        this.events = events;
        this.registration = new PromiseRegistration(dataSource, current);
        this.figures = new HandoverFigures(calendar, current);
        this.settings = settings;
    }

    private static DataSource migrated(DataSource dataSource) {
        Migrations.apply(dataSource, CHANGELOG, StoredHandoverService.class);
        return dataSource;
    }

    @Modified
    void modified(HandoverConfig config) {
        setSettings(HandoverSettings.of(config));
        if (config.checkIntervalSeconds() != watchInterval) {
            watchRun.cancel();
            scheduleWatch(config.checkIntervalSeconds());
        }
    }

    @Deactivate
    void deactivate() {
        watch.close();
    }

    void bindTracker(PromiseTracker newTracker) {
        tracker = newTracker;
        // Off the framework's thread: registering may take a while and must not hold up the binding.
        watch.runSoon("Registering accepted handover promises", this::registerPromises);
    }

    void unbindTracker(PromiseTracker oldTracker) {
        if (tracker == oldTracker) {
            tracker = null;
        }
    }

    private synchronized void scheduleWatch(int intervalSeconds) {
        watchInterval = intervalSeconds;
        // The first run comes at once, so promises accepted while the tracker was away are registered at activation.
        watchRun = watch.every("Handover watch", Duration.ofSeconds(Math.max(1, intervalSeconds)), Duration.ZERO,
                this::watchOnce);
    }

    private void watchOnce() {
        int overdue = flagOverdueAcknowledgements();
        int registered = registerPromises();
        if (overdue > 0 || registered > 0) {
            LOG.info("Handover watch: {} acknowledgements overdue, {} promises registered", overdue, registered);
        }
    }

    void setSettings(HandoverSettings settings) {
        this.settings = settings;
    }

    @Override
    public Handover create(HandoverDraft draft, String by) {
        requireDraft(draft);
        Handover handover = HandoverRules.create(UUID.randomUUID().toString(), draft, by, now());
        try {
            return Transactions.inTransaction(dataSource, c -> {
                Optional<String> existing = store.idOfDeal(c, draft.dealRef());
                if (existing.isPresent()) {
                    throw dealTaken(draft.dealRef(), existing.get());
                }
                store.insert(c, handover);
                store.insertStep(c, handover, HandoverStatus.DRAFT.name(), by, handover.createdAt(), null);
                return handover;
            });
        } catch (DuplicateKeyException e) {
            // A concurrent request for the same deal won the race.
            throw dealTaken(draft.dealRef(), null);
        }
    }

    @Override
    public Optional<Handover> find(String id) {
        return Transactions.read(dataSource, c -> store.find(c, id));
    }

    @Override
    public Page<Handover> list(HandoverQuery query) {
        List<String> before = PageCursor.decodeFor("handovers", query.cursor(), 2);
        Long beforeCreatedAt = before == null ? null : cursorTime(before.get(0));
        List<Handover> rows = Transactions.read(dataSource,
                c -> store.list(c, query, beforeCreatedAt, before == null ? null : before.get(1)));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        Handover last = rows.get(query.limit() - 1);
        return new Page<>(rows.subList(0, query.limit()),
                PageCursor.encodeFor("handovers", Long.toString(last.createdAt().toEpochMilli()), last.id()));
    }

    @Override
    public Handover update(String id, HandoverDraft draft, Long expectedVersion, String by) {
        requireDraft(draft);
        return change(id, expectedVersion, true, h -> HandoverRules.edit(h, draft, now()));
    }

    @Override
    public Handover submit(String id, String comment, Long expectedVersion, String by) {
        Instant now = now();
        return step(id, expectedVersion, HandoverTopics.SUBMITTED,
                h -> HandoverRules.submit(h, comment, by, now, settings.requiredItems()));
    }

    @Override
    public Handover acknowledge(String id, String comment, Long expectedVersion, String by) {
        Instant now = now();
        return step(id, expectedVersion, HandoverTopics.ACKNOWLEDGED, h -> HandoverRules.acknowledge(h, comment, by, now));
    }

    @Override
    public Handover returnToSales(String id, List<String> questions, Long expectedVersion, String by) {
        Instant now = now();
        return step(id, expectedVersion, HandoverTopics.RETURNED, h -> HandoverRules.returnToSales(h, questions, by, now));
    }

    @Override
    public Handover accept(String id, String comment, Long expectedVersion, String by) {
        Instant now = now();
        Handover current = find(id).orElseThrow(() -> ProblemException.notFound("handover", id));
        if (current.status() == HandoverStatus.ACCEPTED) {
            // A retry, e.g. after a lost answer: nothing changes, but promises still waiting are tried again.
            registerPromises();
            return find(id).orElseThrow();
        }
        step(id, expectedVersion, HandoverTopics.ACCEPTED, h -> HandoverRules.accept(h, comment, by, now));
        // Acceptance stands whether or not the tracker is there or answers; the watch retries later.
        registerPromises();
        return find(id).orElseThrow();
    }

    /** A step of the lifecycle: the handover, its timeline row and its event, in one transaction. */
    private Handover step(String id, Long expectedVersion, String topic, UnaryOperator<Handover> rule) {
        return Transactions.inTransaction(dataSource, c -> {
            Handover next = change(c, id, expectedVersion, false, rule);
            Transition step = next.history().get(next.history().size() - 1);
            store.insertStep(c, next, step.to().name(), step.by(), step.at(), reason(step));
            events.write(c, topic, next, step);
            return next;
        });
    }

    /** Why a step was taken, as the timeline shows it: its comment, or service's questions. */
    private static String reason(Transition step) {
        return step.comment() != null ? step.comment() : step.questions() == null ? null : String.join(" | ", step.questions());
    }

    @Override
    public List<String> missing(String id) {
        Handover h = find(id).orElseThrow(() -> ProblemException.notFound("handover", id));
        return HandoverRules.missing(h, settings.requiredItems()).stream().map(ChecklistItem::field).toList();
    }

    @Override
    public List<PendingHandover> pending(int limit) {
        Instant now = now();
        Duration target = settings.ackTarget();
        List<Handover> waiting = Transactions.read(dataSource, c -> store.waiting(c, now, false, limit));
        List<PendingHandover> pending = new ArrayList<>();
        for (Handover h : waiting) {
            Duration business = calendar.businessTimeBetween(h.submittedAt(), now);
            pending.add(new PendingHandover(h, business, business.compareTo(target) >= 0));
        }
        return pending;
    }

    @Override
    public HandoverStats stats(Instant from, Instant to) {
        List<HandoverStore.Submitted> submitted = Transactions.read(dataSource, c -> store.submitted(c, from, to));
        Map<String, List<HandedPromise>> promises =
                Transactions.read(dataSource, c -> store.acceptedPromises(c, from, to));
        return figures.compute(from, to, submitted, promises);
    }

    /**
     * Raises ACK_OVERDUE once per submission whose business time waiting has reached the target.
     * Business time never exceeds wall time, so only submissions at least the target ago are looked at.
     */
    int flagOverdueAcknowledgements() {
        Instant now = now();
        Duration target = settings.ackTarget();
        List<Handover> candidates = Transactions.read(dataSource,
                c -> store.waiting(c, now.minus(target), true, WATCH_BATCH));
        int flagged = 0;
        for (Handover h : candidates) {
            if (!HandoverRules.isAckOverdue(h, now, calendar, target)) {
                continue;
            }
            boolean marked = Transactions.inTransaction(dataSource, c -> {
                if (!store.markAckOverdue(c, h, now)) {
                    return false;
                }
                store.insertStep(c, h, "ACK_OVERDUE", null, now, null);
                events.writeAckOverdue(c, h, now, target);
                return true;
            });
            flagged += marked ? 1 : 0;
        }
        return flagged;
    }

    /** Registers promises of accepted handovers that the promise tracker does not have yet. */
    int registerPromises() {
        try {
            return registration.registerPending();
        } catch (RuntimeException e) {
            LOG.warn("Registering accepted handover promises failed; retrying later", e);
            return 0;
        }
    }

    /** Milliseconds, as stored, so an answer shows the same times as a later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Handover change(String id, Long expectedVersion, boolean promisesChanged, UnaryOperator<Handover> step) {
        return Transactions.inTransaction(dataSource, c -> change(c, id, expectedVersion, promisesChanged, step));
    }

    private Handover change(Connection c, String id, Long expectedVersion, boolean promisesChanged,
                            UnaryOperator<Handover> step) throws SQLException {
        Handover current = store.find(c, id).orElseThrow(() -> ProblemException.notFound("handover", id));
        if (expectedVersion != null && current.version() != expectedVersion) {
            throw ProblemException.staleVersion(current.version());
        }
        Handover next = step.apply(current);
        if (!store.update(c, next, promisesChanged)) {
            throw ProblemException.conflict("The handover was changed at the same moment; fetch it and try again.");
        }
        return next;
    }

    private static void requireDraft(HandoverDraft d) {
        if (d == null || d.dealRef() == null || d.customerId() == null) {
            throw ProblemException.invalid("$", "dealRef and customerId are required");
        }
    }

    private static ProblemException dealTaken(String dealRef, String existingId) {
        return ProblemException.conflict("A handover for deal " + dealRef + " already exists"
                + (existingId == null ? "." : ": " + existingId + "."));
    }

    private static long cursorTime(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
        }
    }
}
