package org.omotenashi.handover.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.rest.Page;
import org.omotenashi.handover.api.Handover;
import org.omotenashi.handover.api.HandoverDraft;
import org.omotenashi.handover.api.HandoverQuery;
import org.omotenashi.handover.api.HandoverService;
import org.omotenashi.handover.api.HandoverStats;
import org.omotenashi.handover.api.PendingHandover;
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
 * Registers the handover service once its tables are migrated, and runs its watch: overdue
 * acknowledgements, and accepted promises still to hand to the promise tracker. The tracker is an
 * optional neighbour: the module works without it, and when it appears the waiting promises go to it.
 */
@Component(service = HandoverService.class, configurationPid = HandoverComponent.PID)
@Designate(ocd = HandoverConfig.class)
public class HandoverComponent implements HandoverService {
    static final String PID = "org.omotenashi.handover";
    static final String CHANGELOG = "db/handover/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(HandoverComponent.class);

    private final StoredHandoverService handovers;
    private final ScheduledExecutorService watch =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "omotenashi-handover-watch"));
    private ScheduledFuture<?> watchRun;
    private int watchInterval;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, bind = "bindTracker", unbind = "unbindTracker")
    private volatile PromiseTracker tracker;

    @Activate
    public HandoverComponent(@Reference(name = "dataSource") DataSource dataSource,
                             @Reference(name = "clock") Clock clock,
                             @Reference(name = "calendar") BusinessCalendar calendar,
                             @Reference(name = "eventLog") EventLog eventLog,
                             HandoverConfig config) {
        Migrations.apply(dataSource, CHANGELOG, HandoverComponent.class);
        handovers = new StoredHandoverService(dataSource, clock, calendar, new HandoverEvents(eventLog),
                () -> tracker, HandoverSettings.of(config));
        schedule(config.checkIntervalSeconds());
    }

    @Modified
    void modified(HandoverConfig config) {
        handovers.setSettings(HandoverSettings.of(config));
        if (config.checkIntervalSeconds() != watchInterval) {
            watchRun.cancel(false);
            schedule(config.checkIntervalSeconds());
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // A run under way finishes: Derby closes the connection of a thread that is interrupted.
        watch.shutdown();
        if (!watch.awaitTermination(10, TimeUnit.SECONDS)) {
            watch.shutdownNow();
        }
    }

    void bindTracker(PromiseTracker newTracker) {
        tracker = newTracker;
        // Off the framework's thread: registering may take a while and must not hold up the binding.
        if (handovers != null && !watch.isShutdown()) {
            watch.execute(handovers::registerPromises);
        }
    }

    void unbindTracker(PromiseTracker oldTracker) {
        if (tracker == oldTracker) {
            tracker = null;
        }
    }

    private synchronized void schedule(int intervalSeconds) {
        watchInterval = Math.max(1, intervalSeconds);
        // The first run comes at once, so promises accepted while the tracker was away are registered at activation.
        watchRun = watch.scheduleWithFixedDelay(this::watchOnce, 0, watchInterval, TimeUnit.SECONDS);
    }

    private void watchOnce() {
        try {
            int overdue = handovers.flagOverdueAcknowledgements();
            int registered = handovers.registerPromises();
            if (overdue > 0 || registered > 0) {
                LOG.info("Handover watch: {} acknowledgements overdue, {} promises registered", overdue, registered);
            }
        } catch (RuntimeException e) {
            LOG.warn("Handover watch failed; retrying at the next interval", e);
        }
    }

    @Override
    public Handover create(HandoverDraft draft, String by) {
        return handovers.create(draft, by);
    }

    @Override
    public Optional<Handover> find(String id) {
        return handovers.find(id);
    }

    @Override
    public Page<Handover> list(HandoverQuery query) {
        return handovers.list(query);
    }

    @Override
    public Handover update(String id, HandoverDraft draft, Long expectedVersion, String by) {
        return handovers.update(id, draft, expectedVersion, by);
    }

    @Override
    public Handover submit(String id, String comment, Long expectedVersion, String by) {
        return handovers.submit(id, comment, expectedVersion, by);
    }

    @Override
    public Handover acknowledge(String id, String comment, Long expectedVersion, String by) {
        return handovers.acknowledge(id, comment, expectedVersion, by);
    }

    @Override
    public Handover returnToSales(String id, List<String> questions, Long expectedVersion, String by) {
        return handovers.returnToSales(id, questions, expectedVersion, by);
    }

    @Override
    public Handover accept(String id, String comment, Long expectedVersion, String by) {
        return handovers.accept(id, comment, expectedVersion, by);
    }

    @Override
    public List<String> missing(String id) {
        return handovers.missing(id);
    }

    @Override
    public List<PendingHandover> pending(int limit) {
        return handovers.pending(limit);
    }

    @Override
    public HandoverStats stats(Instant from, Instant to) {
        return handovers.stats(from, to);
    }
}
