package org.omotenashi.promises.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.rest.Page;
import org.omotenashi.promises.api.MadePromise;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseQuery;
import org.omotenashi.promises.api.PromiseStats;
import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.StatsGroup;
import org.omotenashi.promises.api.SweepResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Registers the tracker once its tables are migrated; the tracker itself is plain Java, testable without OSGi. */
@Component(service = PromiseTracker.class, configurationPid = "org.omotenashi.promises")
@Designate(ocd = PromisesConfig.class)
public class PromiseTrackerComponent implements PromiseTracker {
    static final String CHANGELOG = "db/promises/changelog.xml";

    private final StoredPromiseTracker tracker;

    @Activate
    public PromiseTrackerComponent(@Reference(name = "dataSource") DataSource dataSource,
                                   @Reference(name = "clock") Clock clock,
                                   @Reference(name = "eventLog") EventLog eventLog,
                                   PromisesConfig config) {
        Migrations.apply(dataSource, CHANGELOG, PromiseTrackerComponent.class);
        tracker = new StoredPromiseTracker(dataSource, clock, new PromiseEvents(eventLog),
                Duration.parse(config.dueSoonWindow()));
    }

    @Modified
    void modified(PromisesConfig config) {
        tracker.setDueSoonWindow(Duration.parse(config.dueSoonWindow()));
    }

    @Override
    public MadePromise make(NewPromise promise, String idempotencyKey, String caller) {
        return tracker.make(promise, idempotencyKey, caller);
    }

    @Override
    public int importAll(List<NewPromise> promises, String caller) {
        return tracker.importAll(promises, caller);
    }

    @Override
    public Optional<Promise> find(String id) {
        return tracker.find(id);
    }

    @Override
    public Page<Promise> list(PromiseQuery query) {
        return tracker.list(query);
    }

    @Override
    public Promise keep(String id, String evidence, Long expectedVersion, String by) {
        return tracker.keep(id, evidence, expectedVersion, by);
    }

    @Override
    public Promise renegotiate(String id, Instant newDueAt, String reason, Long expectedVersion, String by) {
        return tracker.renegotiate(id, newDueAt, reason, expectedVersion, by);
    }

    @Override
    public Promise cancel(String id, String reason, Long expectedVersion, String by) {
        return tracker.cancel(id, reason, expectedVersion, by);
    }

    @Override
    public Promise reassign(String id, String newOwner, String reason, Long expectedVersion, String by) {
        return tracker.reassign(id, newOwner, reason, expectedVersion, by);
    }

    @Override
    public PromiseStats stats(StatsGroup groupBy, Instant from, Instant to) {
        return tracker.stats(groupBy, from, to);
    }

    @Override
    public SweepResult sweep() {
        return tracker.sweep();
    }
}
