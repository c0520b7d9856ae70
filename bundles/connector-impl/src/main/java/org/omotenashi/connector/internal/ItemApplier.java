package org.omotenashi.connector.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    /** What applying a page did: the outcomes of the items applied, in order, and what stopped it, if anything. */
    record Applied(List<ItemOutcome> outcomes, int changed, Unavailable failure) {
    }

    /**
     * Applies one item (a webhook's) and records it; the cursor stays where it is unless {@code advance} is given.
     *
     * @throws Unavailable when it could not be applied now; nothing was recorded
     */
    ItemOutcome apply(WorkItem item, String instance, String system, OwnerMapping owners, ChangeCursor advance) {
        Applied applied = applyInOrder(List.of(item), instance, system, owners, advance != null);
        if (applied.failure() != null) {
            throw applied.failure();
        }
        return applied.outcomes().get(0);
    }

    /**
     * Applies a page of items in order. The promises about to be made are written down first (one commit), then
     * each item goes to the tracker, then what was applied is recorded with the counters, and with the cursor
     * just after the last applied item when {@code moveCursor} (one commit). The first item that cannot be
     * applied stops the page: it and those after it stay unrecorded, and the cursor stays before it.
     *
     * @param instance the connector applying them (the promises' maker and origin type)
     * @param system   the product's name for reasons, e.g. {@code TOPdesk}
     * @throws Unavailable when nothing could be applied at all (no tracker, the database down)
     */
    Applied applyInOrder(List<WorkItem> items, String instance, String system, OwnerMapping owners, boolean moveCursor) {
        PromiseTracker promises = tracker.get();
        if (promises == null) {
            throw new Unavailable("the promise tracker is not installed (feature omotenashi-promises)", null);
        }
        if (items.isEmpty()) {
            return new Applied(List.of(), 0, null);
        }
        Instant now = clock.instant();
        Map<String, ItemRecord> known;
        Map<String, NewPromise> requests = new HashMap<>();
        try {
            known = Transactions.read(dataSource, c -> store.find(c, items.get(0).system(),
                    items.stream().map(WorkItem::externalId).toList()));
            List<ItemRecord> intents = new ArrayList<>();
            for (WorkItem item : items) {
                ItemRecord record = known.get(item.externalId());
                if (creating(record)) {
                    requests.put(item.externalId(), fromJson(record.intent()));
                } else if ((record == null || record.promiseId() == null && item.changedAt().isAfter(record.changedAt()))
                        && ItemRules.arrival(item) == ItemRules.Arrival.PROMISE) {
                    NewPromise request = ItemRules.newPromise(item, instance, owners, now);
                    requests.put(item.externalId(), request);
                    intents.add(ItemRecord.of(item, TrackedItem.Status.LINKED, null, now, null, toJson(request)));
                }
            }
            if (!intents.isEmpty()) {
                Transactions.inTransaction(dataSource, c -> {
                    for (ItemRecord intent : intents) {
                        store.save(c, intent);
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            throw new Unavailable("the connector's records could not be read or written: " + e.getMessage(), e);
        }
        List<ItemOutcome> outcomes = new ArrayList<>();
        List<ItemRecord> records = new ArrayList<>();
        ChangeCursor last = null;
        int changed = 0;
        Unavailable failure = null;
        for (WorkItem item : items) {
            try {
                Step step = applyOne(item, known.get(item.externalId()), requests.get(item.externalId()), promises,
                        instance, system, now);
                outcomes.add(step.outcome());
                if (step.record() != null) {
                    records.add(step.record());
                }
                if (step.outcome().outcome() != Outcome.UNCHANGED) {
                    changed++;
                }
                last = ChangeCursor.after(item);
            } catch (Unavailable e) {
                failure = e;
                break;
            } catch (ProblemException e) {
                failure = new Unavailable("the promise tracker failed: " + e.getMessage(), e);
                break;
            } catch (RuntimeException e) {
                failure = new Unavailable("applying " + item.externalId() + " failed: " + e.getMessage(), e);
                break;
            }
        }
        ChangeCursor cursor = moveCursor ? last : null;
        int seen = outcomes.size();
        int applied = changed;
        try {
            Transactions.inTransaction(dataSource, c -> {
                for (ItemRecord record : records) {
                    store.save(c, record);
                }
                if (seen > 0) {
                    store.advance(c, instance, cursor, seen, applied, null);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw new Unavailable("the connector's records could not be written: " + e.getMessage(), e);
        }
        return new Applied(outcomes, changed, failure);
    }

    /** What one item came to, and the record to store for it (null: nothing to store). */
    private record Step(ItemOutcome outcome, ItemRecord record) {
    }

    private Step applyOne(WorkItem item, ItemRecord known, NewPromise request, PromiseTracker promises, String instance,
                          String system, Instant now) {
        boolean creating = creating(known);
        if (known != null && !creating && !item.changedAt().isAfter(known.changedAt())) {
            return new Step(new ItemOutcome(item.externalId(), Outcome.UNCHANGED, known.promiseId(), "already applied"), null);
        }
        if (request == null && (known == null || known.promiseId() == null)) {
            return notYetAPromise(item, ItemRules.arrival(item), known, now);
        }
        Promise promise;
        boolean created = false;
        if (request != null) {
            try {
                promise = promises.make(request, idempotencyKey(instance, item.externalId()), caller(instance)).promise();
            } catch (ProblemException refused) {
                if (refused.status() >= 500) {
                    throw refused;
                }
                String note = ItemRules.cut("no promise: the tracker refused it: " + refused.detail()
                        + "; waits for a target date that can be promised", 2000);
                return new Step(new ItemOutcome(item.externalId(), Outcome.REFUSED, null, note),
                        ItemRecord.of(item, TrackedItem.Status.WAITING, null, now, note, null));
            }
            created = true;
        } else {
            Optional<Promise> current = promises.find(known.promiseId());
            if (current.isEmpty()) {
                String note = "its promise " + known.promiseId() + " no longer exists";
                return new Step(new ItemOutcome(item.externalId(), Outcome.REFUSED, known.promiseId(), note),
                        ItemRecord.of(item, TrackedItem.Status.LINKED, known.promiseId(), now, note, null));
            }
            promise = current.get();
        }
        ItemOutcome outcome = follow(item, promise, instance, system, now, created);
        return new Step(outcome, ItemRecord.of(item, TrackedItem.Status.LINKED, promise.id(), now,
                outcome.outcome() == Outcome.REFUSED ? outcome.note() : null, null));
    }

    private static boolean creating(ItemRecord record) {
        return record != null && record.promiseId() == null && record.intent() != null;
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

    private Step notYetAPromise(WorkItem item, ItemRules.Arrival arrival, ItemRecord known, Instant now) {
        TrackedItem.Status status = arrival == ItemRules.Arrival.WAITING ? TrackedItem.Status.WAITING : TrackedItem.Status.IGNORED;
        String note = status == TrackedItem.Status.WAITING ? "open without a target date"
                : known != null ? "closed (" + item.state() + ") before it had a target date"
                : "already " + item.state() + " when first seen";
        return new Step(new ItemOutcome(item.externalId(),
                status == TrackedItem.Status.WAITING ? Outcome.WAITING : Outcome.IGNORED, null, note),
                ItemRecord.of(item, status, null, now, note, null));
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
