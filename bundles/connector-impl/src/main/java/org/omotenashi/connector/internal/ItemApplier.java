package org.omotenashi.connector.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.omotenashi.connector.api.ItemOutcome;
import org.omotenashi.connector.api.ItemOutcome.Outcome;
import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.spi.ChangeCursor;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.json.Json;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseStatus;
import org.omotenashi.promises.api.PromiseTracker;

/**
 * Applies one work item to its promise, through the tracker's API only, and records it: the one upsert both the
 * webhook and the poll go through. A change already applied (the item's change time is not newer than the one
 * recorded) changes nothing; a change the tracker refuses is recorded and passed; anything else that fails
 * leaves the item unrecorded and is thrown as {@link Unavailable}.
 */
final class ItemApplier {
    private final DataSource dataSource;
    private final Clock clock;
    private final Supplier<PromiseTracker> tracker;
    private final ConnectorStore store = new ConnectorStore();

    ItemApplier(DataSource dataSource, Clock clock, Supplier<PromiseTracker> tracker) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.tracker = tracker;
    }

    /**
     * @param instance the connector applying it (the promises' maker and origin type)
     * @param system   the product's name for reasons, e.g. {@code TOPdesk}
     * @param advance  the poll's cursor position just after this item, moved in the same transaction that records
     *                 it; null for a webhook, which leaves the cursor alone
     */
    ItemOutcome apply(WorkItem item, String instance, String system, OwnerMapping owners, ChangeCursor advance) {
        PromiseTracker promises = tracker.get();
        if (promises == null) {
            throw new Unavailable("the promise tracker is not installed (feature omotenashi-promises)", null);
        }
        try {
            Optional<ItemRecord> known = read(item);
            boolean creating = known.isPresent() && known.get().promiseId() == null && known.get().intent() != null;
            if (known.isPresent() && !creating && !item.changedAt().isAfter(known.get().changedAt())) {
                counted(instance, advance);
                return new ItemOutcome(item.externalId(), Outcome.UNCHANGED, known.get().promiseId(), "already applied");
            }
            Instant now = clock.instant();
            if (known.isEmpty() || known.get().promiseId() == null && !creating) {
                ItemRules.Arrival arrival = ItemRules.arrival(item);
                if (arrival != ItemRules.Arrival.PROMISE) {
                    return notYetAPromise(item, instance, arrival, known, now, advance);
                }
            }
            Promise promise;
            boolean created = false;
            if (creating || known.isEmpty() || known.get().promiseId() == null) {
                NewPromise request = creating ? fromJson(known.get().intent())
                        : ItemRules.newPromise(item, instance, owners, now);
                if (!creating) {
                    String intent = toJson(request);
                    Transactions.inTransaction(dataSource, c -> {
                        store.save(c, ItemRecord.of(item, TrackedItem.Status.LINKED, null, now, null, intent));
                        return null;
                    });
                }
                try {
                    promise = promises.make(request, idempotencyKey(instance, item.externalId()), caller(instance)).promise();
                } catch (ProblemException refused) {
                    if (refused.status() >= 500) {
                        throw refused;
                    }
                    String note = "no promise: the tracker refused it: " + refused.detail()
                            + "; waits for a target date that can be promised";
                    save(ItemRecord.of(item, TrackedItem.Status.WAITING, null, now, note, null), instance, advance, true);
                    return new ItemOutcome(item.externalId(), Outcome.REFUSED, null, note);
                }
                created = true;
            } else {
                Optional<Promise> current = promises.find(known.get().promiseId());
                if (current.isEmpty()) {
                    String note = "its promise " + known.get().promiseId() + " no longer exists";
                    save(ItemRecord.of(item, TrackedItem.Status.LINKED, known.get().promiseId(), now, note, null),
                            instance, advance, true);
                    return new ItemOutcome(item.externalId(), Outcome.REFUSED, known.get().promiseId(), note);
                }
                promise = current.get();
            }
            ItemOutcome outcome = follow(item, promise, instance, system, now, created);
            save(ItemRecord.of(item, TrackedItem.Status.LINKED, promise.id(), now,
                    outcome.outcome() == Outcome.REFUSED ? outcome.note() : null, null), instance, advance, true);
            return outcome;
        } catch (Unavailable e) {
            throw e;
        } catch (ProblemException e) {
            throw new Unavailable("the promise tracker failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Unavailable("applying " + item.externalId() + " failed: " + e.getMessage(), e);
        }
    }

    /** The step the item asks of its promise, applied; a refusal by the tracker is an outcome, not a failure. */
    private ItemOutcome follow(WorkItem item, Promise promise, String instance, String system, Instant now,
                               boolean created) {
        Optional<PromiseStep> step = ItemRules.step(item, promise, system, now);
        Outcome outcome = created ? Outcome.CREATED : Outcome.UNCHANGED;
        if (step.isEmpty()) {
            return new ItemOutcome(item.externalId(), outcome, promise.id(), null);
        }
        PromiseTracker promises = tracker.get();
        if (promises == null) {
            throw new Unavailable("the promise tracker is not installed (feature omotenashi-promises)", null);
        }
        PromiseStep next = step.get();
        try {
            if (next instanceof PromiseStep.Keep keep) {
                Promise kept = promises.keep(promise.id(), keep.evidence(), null, instance);
                return new ItemOutcome(item.externalId(), created ? Outcome.CREATED : Outcome.KEPT, promise.id(),
                        kept.status() == PromiseStatus.KEPT_LATE ? "kept late" : null);
            }
            if (next instanceof PromiseStep.Cancel cancel) {
                promises.cancel(promise.id(), cancel.reason(), null, instance);
                return new ItemOutcome(item.externalId(), created ? Outcome.CREATED : Outcome.CANCELLED, promise.id(), null);
            }
            if (next instanceof PromiseStep.Renegotiate move) {
                promises.renegotiate(promise.id(), move.newDueAt(), move.reason(), null, instance);
                return new ItemOutcome(item.externalId(), created ? Outcome.CREATED : Outcome.RENEGOTIATED, promise.id(), null);
            }
            return new ItemOutcome(item.externalId(), Outcome.REFUSED, promise.id(), ((PromiseStep.Remark) next).note());
        } catch (ProblemException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            return new ItemOutcome(item.externalId(), Outcome.REFUSED, promise.id(),
                    ItemRules.cut("the promise tracker refused it: " + refused.detail(), 2000));
        }
    }

    private ItemOutcome notYetAPromise(WorkItem item, String instance, ItemRules.Arrival arrival,
                                       Optional<ItemRecord> known, Instant now, ChangeCursor advance) {
        TrackedItem.Status status = arrival == ItemRules.Arrival.WAITING ? TrackedItem.Status.WAITING : TrackedItem.Status.IGNORED;
        String note = status == TrackedItem.Status.WAITING ? "open without a target date"
                : known.isPresent() ? "closed (" + item.state() + ") before it had a target date"
                : "already " + item.state() + " when first seen";
        boolean changed = known.isEmpty() || known.get().status() != status;
        save(ItemRecord.of(item, status, null, now, note, null), instance, advance, changed);
        return new ItemOutcome(item.externalId(), status == TrackedItem.Status.WAITING ? Outcome.WAITING : Outcome.IGNORED,
                null, note);
    }

    private Optional<ItemRecord> read(WorkItem item) {
        return Transactions.read(dataSource, c -> store.find(c, item.system(), item.externalId()));
    }

    private void save(ItemRecord record, String instance, ChangeCursor advance, boolean applied) {
        Transactions.inTransaction(dataSource, c -> {
            store.save(c, record);
            store.advance(c, instance, advance, 1, applied ? 1 : 0, null);
            return null;
        });
    }

    /** Seen, nothing to apply: only the counter (and the poll's cursor) move. */
    private void counted(String instance, ChangeCursor advance) {
        Transactions.inTransaction(dataSource, c -> {
            store.advance(c, instance, advance, 1, 0, null);
            return null;
        });
    }

    /** The tracker keeps idempotency keys per caller; this one is the connector instance. */
    static String caller(String instance) {
        return "connector:" + instance;
    }

    /** One key per item: whatever the item looked like when its promise was first asked for. */
    static String idempotencyKey(String instance, String externalId) {
        String key = instance + ":" + externalId;
        if (key.length() <= 200) {
            return key;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(externalId.getBytes(StandardCharsets.UTF_8));
            return instance + ":sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String toJson(NewPromise request) {
        try {
            return Json.mapper().writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a promise request is always JSON", e);
        }
    }

    private static NewPromise fromJson(String intent) {
        try {
            return Json.mapper().readValue(intent, NewPromise.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored promise request is unreadable", e);
        }
    }
}
