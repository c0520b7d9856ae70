package org.omotenashi.promises.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

import org.omotenashi.core.db.DuplicateKeyException;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.core.work.Worker;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseAction;
import org.omotenashi.promises.api.PromiseChange;
import org.omotenashi.promises.api.PromiseFigures;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTopics;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.StatsGroup;
import org.omotenashi.promises.api.SweepResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The promise tracker over the shared database; every change is one transaction with its history step and its
 * event in the durable log, so a change never happens without its event, nor an event without its change.
 */
@Component(service = PromiseTracker.class, immediate = true, configurationPid = "org.omotenashi.promises")
@Designate(ocd = PromisesConfig.class)
public class StoredPromiseTracker implements PromiseTracker {
    static final String CHANGELOG = "db/promises/changelog.xml";
    /** The sweep changes this many rows per transaction, so a long outage does not make one huge one. */
    static final int SWEEP_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(StoredPromiseTracker.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final PromiseEvents events;
    private final PromiseStore store = new PromiseStore();
    private final Worker sweeps = new Worker("omotenashi-promise-sweep");
    private volatile Duration dueSoonWindow;
    private Worker.Schedule schedule;
    private int sweepInterval;

    /** Registered once its tables are migrated; it runs its own due-date sweep on a schedule. */
    @Activate
    public StoredPromiseTracker(@Reference(name = "dataSource") DataSource dataSource,
                                @Reference(name = "clock") Clock clock,
                                @Reference(name = "eventLog") EventLog eventLog,
                                PromisesConfig config) {
        this(migrated(dataSource), clock, new PromiseEvents(eventLog), Duration.parse(config.dueSoonWindow()));
        scheduleSweep(config.sweepIntervalSeconds());
    }

    /** Without a schedule: sweeps run only when asked for. */
    StoredPromiseTracker(DataSource dataSource, Clock clock, PromiseEvents events, Duration dueSoonWindow) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.dueSoonWindow = dueSoonWindow;
    }

    private static DataSource migrated(DataSource dataSource) {
        Migrations.apply(dataSource, CHANGELOG, StoredPromiseTracker.class);
        return dataSource;
    }

    @Modified
    void modified(PromisesConfig config) {
        dueSoonWindow = Duration.parse(config.dueSoonWindow());
        if (schedule != null && config.sweepIntervalSeconds() != sweepInterval) {
            schedule.cancel();
            scheduleSweep(config.sweepIntervalSeconds());
        }
    }

    @Deactivate
    void deactivate() {
        sweeps.close();
    }

    void setDueSoonWindow(Duration window) {
        dueSoonWindow = window;
    }

    private void scheduleSweep(int intervalSeconds) {
        sweepInterval = intervalSeconds;
        // 1 to 59 s, so a promise breaks within a minute of its due date.
        Duration interval = Duration.ofSeconds(Math.max(1, Math.min(59, intervalSeconds)));
        schedule = sweeps.every("Promise sweep", interval, Duration.ofSeconds(1), () -> {
            SweepResult result = sweepOnce();
            if (result.broken() > 0 || result.dueSoon() > 0) {
                LOG.info("Promise sweep: {} broken, {} coming due", result.broken(), result.dueSoon());
            }
        });
    }

    @Override
    public MadePromise make(NewPromise request, String idempotencyKey, String caller) {
        Promise promise = open(request, now());
        String fingerprint = fingerprint(request);
        MadePromise made;
        try {
            made = Transactions.inTransaction(dataSource, c -> insertOnce(c, promise, idempotencyKey, caller, fingerprint));
        } catch (DuplicateKeyException e) {
            if (idempotencyKey == null) {
                throw e;
            }
            // A concurrent request with the same key won the race: answer with its promise.
            made = Transactions.read(dataSource, c -> replay(c, idempotencyKey, caller, fingerprint));
        }
        return made;
    }

    private MadePromise insertOnce(Connection c, Promise promise, String key, String caller, String fingerprint)
            throws SQLException {
        if (key != null && store.idempotent(c, caller, key).isPresent()) {
            return replay(c, key, caller, fingerprint);
        }
        store.insert(c, promise);
        PromiseChange made = made(promise);
        store.insertChange(c, promise.id(), promise.customerId(), made);
        if (key != null) {
            store.rememberKey(c, caller, key, fingerprint, promise.id(), promise.madeAt());
        }
        events.write(c, PromiseTopics.CREATED, promise, promise.promisedBy(), null);
        return new MadePromise(promise.withHistory(List.of(made)), false);
    }

    /** A promise's first history step: who promised it, to be done by when. */
    private static PromiseChange made(Promise p) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("dueAt", p.dueAt().toString());
        details.put("owner", p.owner());
        details.put("channel", p.channel().name());
        return new PromiseChange(p.madeAt(), PromiseAction.MADE, p.promisedBy(), null, details);
    }

    private MadePromise replay(Connection c, String key, String caller, String fingerprint) throws SQLException {
        String[] earlier = store.idempotent(c, caller, key).orElseThrow();
        if (!earlier[0].equals(fingerprint)) {
            throw ProblemException.conflict("This Idempotency-Key was already used for a different promise.");
        }
        return new MadePromise(withHistory(c, store.find(c, earlier[1]).orElseThrow()), true);
    }

    @Override
    public int importAll(List<NewPromise> requests, String caller) {
        Instant now = now();
        List<Promise> promises = requests.stream().map(r -> open(r, now)).toList();
        // No events: moving history in from another system is not news. The timeline does show the promises made.
        Transactions.inTransaction(dataSource, c -> {
            store.insertAll(c, promises);
            store.insertChanges(c, promises.stream()
                    .map(p -> new PromiseStore.Changed(p.id(), p.customerId(), made(p))).toList());
            return null;
        });
        return promises.size();
    }

    @Override
    public Optional<Promise> find(String id) {
        return Transactions.read(dataSource, c -> {
            Optional<Promise> found = store.find(c, id);
            return found.isEmpty() ? found : Optional.of(withHistory(c, found.get()));
        });
    }

    private Promise withHistory(Connection c, Promise p) throws SQLException {
        return p.withHistory(store.history(c, p.id()));
    }

    @Override
    public Page<Promise> list(PromiseQuery query) {
        List<String> after = PageCursor.decodeFor("promises", query.cursor(), 2);
        Long afterDueAt = after == null ? null : parseCursorTime(after.get(0));
        List<Promise> rows = Transactions.read(dataSource,
                c -> store.list(c, query, afterDueAt, after == null ? null : after.get(1)));
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
        }
        Promise last = rows.get(query.limit() - 1);
        return new Page<>(rows.subList(0, query.limit()),
                PageCursor.encodeFor("promises", Long.toString(last.dueAt().toEpochMilli()), last.id()));
    }

    @Override
    public Promise keep(String id, String evidence, Long expectedVersion, String by) {
        Instant now = now();
        return change(id, expectedVersion, p -> PromiseRules.keep(p, evidence, now), (c, before, kept) -> {
            PromiseAction action = kept.status() == PromiseStatus.KEPT ? PromiseAction.KEPT : PromiseAction.KEPT_LATE;
            record(c, kept, new PromiseChange(now, action, by, null, evidence == null ? Map.of() : Map.of("evidence", evidence)));
            events.write(c, action == PromiseAction.KEPT ? PromiseTopics.KEPT : PromiseTopics.KEPT_LATE, kept, by, null);
        });
    }

    @Override
    public Promise renegotiate(String id, Instant newDueAt, String reason, Long expectedVersion, String by) {
        Instant now = now();
        Instant due = newDueAt.truncatedTo(ChronoUnit.MILLIS);
        return change(id, expectedVersion, p -> PromiseRules.renegotiate(p, due, reason, by, now), (c, before, moved) -> {
            record(c, moved, new PromiseChange(now, PromiseAction.RENEGOTIATED, by, reason,
                    Map.of("previousDueAt", before.dueAt().toString(), "newDueAt", due.toString())));
            events.write(c, PromiseTopics.RENEGOTIATED, moved, by, reason);
        });
    }

    @Override
    public Promise cancel(String id, String reason, Long expectedVersion, String by) {
        Instant now = now();
        return change(id, expectedVersion, p -> PromiseRules.cancel(p, reason), (c, before, cancelled) -> {
            record(c, cancelled, new PromiseChange(now, PromiseAction.CANCELLED, by, reason, Map.of()));
            events.write(c, PromiseTopics.CANCELLED, cancelled, by, reason);
        });
    }

    @Override
    public Promise reassign(String id, String newOwner, String reason, Long expectedVersion, String by) {
        if (newOwner == null || newOwner.isBlank()) {
            throw ProblemException.invalid("owner", "is required");
        }
        Instant now = now();
        return change(id, expectedVersion, p -> PromiseRules.reassign(p, newOwner.strip()), (c, before, moved) -> {
            record(c, moved, new PromiseChange(now, PromiseAction.REASSIGNED, by, reason,
                    Map.of("previousOwner", before.owner(), "owner", moved.owner())));
            events.write(c, PromiseTopics.REASSIGNED, moved, by, reason);
        });
    }

    private void record(Connection c, Promise p, PromiseChange change) throws SQLException {
        store.insertChange(c, p.id(), p.customerId(), change);
    }

    /** What a change writes beside the promise itself, in its transaction: its history step and its event. */
    @FunctionalInterface
    private interface Recording {
        void record(Connection c, Promise before, Promise after) throws SQLException;
    }

    private Promise change(String id, Long expectedVersion, UnaryOperator<Promise> step, Recording recording) {
        return Transactions.inTransaction(dataSource, c -> {
            Promise current = store.find(c, id).orElseThrow(() -> ProblemException.notFound("promise", id));
            if (expectedVersion != null && current.version() != expectedVersion) {
                throw ProblemException.staleVersion(current.version());
            }
            Promise next = step.apply(current);
            if (!store.update(c, next)) {
                throw ProblemException.conflict("The promise was changed at the same moment; fetch it and try again.");
            }
            recording.record(c, current, next);
            return withHistory(c, next);
        });
    }

    /** The list the statistics' cursors are signed for: a cursor of the promise list is refused here. */
    private static final String STATS_CURSORS = "promise-stats";

    @Override
    public PromiseStats stats(StatsGroup groupBy, Instant from, Instant to, int limit, String cursor) {
        if (limit < 1 || limit > MAX_STATS_GROUPS) {
            throw ProblemException.invalid("limit", "must be from 1 to " + MAX_STATS_GROUPS);
        }
        String column = switch (groupBy) {
            case OWNER -> "OWNER";
            case CUSTOMER -> "CUSTOMER_ID";
            case NONE -> null;
        };
        List<String> position = PageCursor.decodeFor(STATS_CURSORS, cursor, 2);
        if (position != null && !position.get(0).equals(groupBy.name())) {
            throw ProblemException.invalid("cursor", "belongs to figures grouped by "
                    + position.get(0).toLowerCase(java.util.Locale.ROOT) + ", not to these");
        }
        String after = position == null ? null : position.get(1);
        return Transactions.read(dataSource, c -> {
            long[] overall = new long[6];
            for (Object[] row : store.figures(c, null, from, to)) {
                overall[PromiseStatus.valueOf((String) row[1]).ordinal()] += (Long) row[2];
                overall[5] += (Long) row[3];
            }
            if (column == null) {
                return new PromiseStats(groupBy, from, to, figures("all", overall), List.of(), null);
            }
            // Summed, ordered and cut to a page in the database: a request holds one page of groups at most.
            List<Object[]> rows = store.groupFigures(c, column, from, to, after, limit + 1);
            boolean more = rows.size() > limit;
            List<PromiseFigures> groups = new ArrayList<>();
            for (Object[] row : more ? rows.subList(0, limit) : rows) {
                long[] counts = new long[6];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = (Long) row[i + 1];
                }
                groups.add(figures((String) row[0], counts));
            }
            String next = more ? PageCursor.encodeFor(STATS_CURSORS, groupBy.name(), (String) rows.get(limit - 1)[0]) : null;
            return new PromiseStats(groupBy, from, to, figures("all", overall), groups, next);
        });
    }

    private static PromiseFigures figures(String key, long[] c) {
        return PromiseFigures.of(key, c[PromiseStatus.OPEN.ordinal()], c[PromiseStatus.KEPT.ordinal()],
                c[PromiseStatus.KEPT_LATE.ordinal()], c[PromiseStatus.BROKEN.ordinal()],
                c[PromiseStatus.CANCELLED.ordinal()], c[5]);
    }

    /** Sweeps now on the sweep's own thread, after a scheduled sweep in progress, and waits for it. */
    @Override
    public SweepResult sweep() {
        return sweeps.runNow("Promise sweep", this::sweepOnce);
    }

    private SweepResult sweepOnce() {
        Instant now = now();
        int broken = 0;
        List<PromiseStore.Due> batch;
        do {
            List<PromiseStore.Due> found = Transactions.read(dataSource, c -> store.overdue(c, now, SWEEP_BATCH));
            batch = found;
            List<PromiseStore.Due> changed = Transactions.inTransaction(dataSource, c -> {
                List<PromiseStore.Due> marked = store.markBroken(c, found, now);
                store.insertChanges(c, marked.stream().map(d -> new PromiseStore.Changed(d.id(), d.customerId(),
                        new PromiseChange(now, PromiseAction.BROKEN, null, null, Map.of("dueAt",
                                Instant.ofEpochMilli(d.dueAt()).toString())))).toList());
                for (PromiseStore.Due d : marked) {
                    events.write(c, PromiseTopics.BROKEN, d, PromiseStatus.BROKEN.name());
                }
                return marked;
            });
            broken += changed.size();
        } while (batch.size() == SWEEP_BATCH);
        Instant horizon = now.plus(dueSoonWindow);
        int dueSoon = 0;
        do {
            List<PromiseStore.Due> found = Transactions.read(dataSource, c -> store.comingDue(c, horizon, SWEEP_BATCH));
            batch = found;
            List<PromiseStore.Due> changed = Transactions.inTransaction(dataSource, c -> {
                List<PromiseStore.Due> marked = store.markDueSoon(c, found, now);
                for (PromiseStore.Due d : marked) {
                    events.write(c, PromiseTopics.DUE_SOON, d, PromiseStatus.OPEN.name());
                }
                return marked;
            });
            dueSoon += changed.size();
        } while (batch.size() == SWEEP_BATCH);
        return new SweepResult(broken, dueSoon);
    }

    /** Stored to the millisecond, so what a create answers is exactly what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Promise open(NewPromise r, Instant now) {
        if (r.customerId() == null || r.description() == null || r.promisedBy() == null || r.dueAt() == null
                || r.channel() == null) {
            throw ProblemException.invalid("$", "customerId, description, promisedBy, channel and dueAt are required");
        }
        Instant madeAt = r.madeAt() == null ? now : r.madeAt().truncatedTo(ChronoUnit.MILLIS);
        Instant dueAt = r.dueAt().truncatedTo(ChronoUnit.MILLIS);
        if (!dueAt.isAfter(madeAt)) {
            throw ProblemException.invalid("dueAt", "must be after madeAt");
        }
        return new Promise(UUID.randomUUID().toString(), r.customerId(), r.customerName(), r.description(),
                r.expectation(), r.promisedBy(), r.owner() == null ? r.promisedBy() : r.owner(), r.channel(),
                r.origin(), madeAt, dueAt, PromiseStatus.OPEN, null, null, null, null, List.of(),
                r.externalRef(), 1, r.contact(), null);
    }

    private static long parseCursorTime(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
        }
    }

    /** Identifies the promise a request asked for, so a replay can be told from a different request. */
    private static String fingerprint(NewPromise request) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(request.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
