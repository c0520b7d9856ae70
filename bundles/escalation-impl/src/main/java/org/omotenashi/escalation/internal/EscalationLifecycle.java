package org.omotenashi.escalation.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.query.PageCursor;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationStatus;
import org.omotenashi.escalation.api.EscalationTopics;
import org.omotenashi.escalation.api.HistoryEntry;
import org.omotenashi.escalation.api.Subject;

/** What people do with an escalation once it is open: find it, acknowledge it, resolve it. */
final class EscalationLifecycle {
    private final DataSource dataSource;
    private final Clock clock;
    private final EscalationEvents events;
    private final EscalationStore store;

    EscalationLifecycle(DataSource dataSource, Clock clock, EscalationEvents events, EscalationStore store) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.events = events;
        this.store = store;
    }

    Page<Escalation> list(EscalationQuery query) {
        List<String> cursor = PageCursor.decodeFor("escalations", query.cursor(), 2);
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
        return new Page<>(page,
                PageCursor.encodeFor("escalations", Long.toString(last.openedAt().toEpochMilli()), last.id()));
    }

    Optional<Escalation> find(String id) {
        return Transactions.read(dataSource, c -> store.escalation(c, id)).map(EscalationStore.StoredEscalation::escalation);
    }

    Escalation acknowledge(String id, String by, String note) {
        return change(id, e -> {
            if (e.status() != EscalationStatus.OPEN) {
                throw ProblemException.conflict("Escalation " + id + " is " + e.status() + "; only an OPEN one can be acknowledged.");
            }
        }, EscalationStatus.ACKNOWLEDGED, "ACKNOWLEDGED", by, note, EscalationTopics.ACKNOWLEDGED);
    }

    Escalation resolve(String id, String by, String note) {
        return change(id, e -> {
            if (e.status() == EscalationStatus.RESOLVED) {
                throw ProblemException.conflict("Escalation " + id + " is already RESOLVED.");
            }
        }, EscalationStatus.RESOLVED, "RESOLVED", by, note, EscalationTopics.RESOLVED);
    }

    /** Resolves every unresolved escalation of the subject in the caller's transaction, e.g. when its promise was kept. */
    void resolveAllOn(Connection c, Subject subject, String by, String note) throws SQLException {
        for (EscalationStore.StoredEscalation s : store.unresolvedFor(c, subject)) {
            if (s.escalation().status() != EscalationStatus.RESOLVED) {
                changeOn(c, s.escalation().id(), e -> { }, EscalationStatus.RESOLVED, "RESOLVED", by, note,
                        EscalationTopics.RESOLVED);
            }
        }
    }

    /** The escalation's newest step, as a timeline row and as an event, in the transaction of the step. */
    void record(Connection c, String topic, Escalation e) throws SQLException {
        HistoryEntry step = EscalationEvents.lastStep(e);
        if (step != null) {
            store.insertStep(c, e, step);
        }
        events.write(c, topic, e);
    }

    private Escalation change(String id, Consumer<Escalation> check, EscalationStatus status, String event, String by,
                              String note, String topic) {
        return Transactions.inTransaction(dataSource, c -> changeOn(c, id, check, status, event, by, note, topic));
    }

    private Escalation changeOn(Connection c, String id, Consumer<Escalation> check, EscalationStatus status,
                                String event, String by, String note, String topic) throws SQLException {
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
}
