package org.omotenashi.connector.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

import org.omotenashi.connector.api.Connector;
import org.omotenashi.connector.api.ConnectorState;
import org.omotenashi.connector.api.ConnectorStatus;
import org.omotenashi.connector.api.ItemOutcome;
import org.omotenashi.connector.api.Notice;
import org.omotenashi.connector.api.SyncResult;
import org.omotenashi.connector.api.TrackedItem;
import org.omotenashi.connector.api.WriteBack;
import org.omotenashi.connector.api.WriteBackPage;
import org.omotenashi.connector.spi.FacilityConnector;
import org.omotenashi.connector.spi.FacilityConnectorFactory;
import org.omotenashi.connector.spi.FacilitySystemException;
import org.omotenashi.connector.spi.StatusNote;
import org.omotenashi.connector.spi.WorkItem;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.outbox.RetryPolicy;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.core.webhook.WebhookSignature;
import org.omotenashi.core.work.Worker;
import org.omotenashi.promises.api.PromiseTracker;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * One connector instance per factory configuration {@code org.omotenashi.connector}: it opens the adapter its
 * {@code type} names when that adapter is installed, polls on its own worker when the suite's clock says a poll
 * is due, and applies webhook notices on the same worker. Without its adapter it stays listed as STOPPED, and
 * starts again by itself when the adapter comes back. Changes of its promises that are written back are read
 * from the durable event log and queued on the durable outbox; the outbox's attempts, too, reach the adapter
 * through the instance's worker, so the adapter is never called from two threads at once.
 */
@Component(service = Connector.class, configurationPid = ConnectorInstance.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConnectorConfig.class, factory = true)
public class ConnectorInstance implements Connector {
    static final String FACTORY_PID = "org.omotenashi.connector";
    static final String CHANGELOG = "db/connector/changelog.xml";
    /** How often the worker looks at the clock: a poll starts at most this late. */
    static final long TICK_MILLIS = 500;
    /** A poll pauses after this many items so webhooks are not kept waiting behind a long catch-up. */
    static final int ITEMS_PER_TURN = 500;
    /**
     * How long a caller waits for the worker (an on-demand sync, a webhook's item): shorter than the 30 s HTTP
     * clients commonly give up after. A longer sync goes on by itself.
     */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** How often the outbox looks for notes that are due. */
    static final Duration DELIVERY_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorInstance.class);

    @Reference(name = "dataSource")
    private DataSource dataSource;
    @Reference
    private ConfigurationAdmin configurations;
    @Reference
    private Clock clock;
    @Reference
    private EventLog eventLog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PromiseTracker tracker;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FacilityConnectorFactory> adapters;

    private final ConnectorStore store = new ConnectorStore();
    private volatile InstanceSettings settings;
    private InstanceHealth health;
    private ItemApplier applier;
    private PollRun polls;
    private Worker worker;
    private WriteBackOutbox writeBacks;
    private WriteBackChannel writeBackChannel;
    private EventSubscription writeBackEvents;
    private volatile boolean stopping;
    /** Touched by the worker thread only. */
    private FacilityConnector open;
    private FacilityConnectorFactory openFrom;
    private InstanceSettings openWith;

    @Activate
    void activate(ConnectorConfig config, Map<String, Object> properties) {
        Migrations.apply(dataSource, CHANGELOG, ConnectorInstance.class);
        settings = InstanceSettings.read(config, properties, fallbackName(properties));
        health = new InstanceHealth(clock.instant());
        applier = new ItemApplier(dataSource, clock, () -> tracker);
        polls = new PollRun(dataSource, clock, applier);
        worker = new Worker("omotenashi-connector-" + settings.name());
        worker.every("Connector " + settings.name(), Duration.ofMillis(TICK_MILLIS), Duration.ZERO, this::tick);
        writeBacks = new WriteBackOutbox(dataSource, clock, settings.name());
        writeBackChannel = new WriteBackChannel(this::writeOnWorker);
        writeBacks.deliverWith(writeBackChannel, retryPolicy(settings));
        writeBacks.deliverEvery(DELIVERY_INTERVAL);
        // After a stop, an update or a crash the consumer goes on from its position: no change goes unnoted.
        // The reaction only writes on its transaction (the note is sent by the outbox): many events a commit.
        writeBackEvents = eventLog.subscribe(WriteBackConsumer.name(settings.name()), WriteBackConsumer::wants,
                new WriteBackConsumer(() -> settings, writeBacks), WriteBackConsumer.EVENTS_PER_TRANSACTION);
        LOG.info("Connector {} ({}) started: {}", settings.name(), settings.type(),
                settings.problems().isEmpty() ? "polls every " + settings.pollInterval() : "not runnable: " + settings.problems());
    }

    @Modified
    void modified(ConnectorConfig config, Map<String, Object> properties) {
        InstanceSettings next = InstanceSettings.read(config, properties, fallbackName(properties));
        if (!next.name().equals(settings.name())) {
            LOG.warn("Connector {}: a new name ({}) takes effect when the instance restarts", settings.name(), next.name());
        }
        settings = next;
        writeBacks.deliverWith(writeBackChannel, retryPolicy(next));
        health.pollSoon(clock.instant());
    }

    @Deactivate
    void deactivate(Map<String, Object> properties) {
        stopping = true;
        // The outbox's attempt in progress runs on the instance's worker: close the worker last.
        writeBackEvents.close();
        writeBacks.close();
        worker.close();
        if (InstanceConfiguration.deleted(configurations, properties.get("service.pid"))) {
            // Gone for good, not stopped, swapped or updated (then its configuration is still there): its consumer would
            // stay behind in event:lag, further behind with every event. Its records and notes stay.
            eventLog.forget(WriteBackConsumer.name(settings.name()));
            LOG.info("Connector {} removed: its configuration was deleted; its records and write-back log stay",
                    settings.name());
        }
    }

    private static RetryPolicy retryPolicy(InstanceSettings s) {
        // A row is retaken only when its attempt surely ended: the wait for the worker plus the adapter's calls.
        return new RetryPolicy(s.retryBase(), s.retryCap(), s.giveUpAfter(),
                WAIT.plus(s.timeout().multipliedBy(3)).plusSeconds(30));
    }

    private static String fallbackName(Map<String, Object> properties) {
        return InstanceSettings.nameFromConfiguration(properties.get("felix.fileinstall.filename"),
                properties.get("service.pid"));
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ConnectorStatus status() {
        InstanceSettings s = settings;
        InstanceHealth.Snapshot h = health.snapshot();
        ConnectorStore.Position position = Transactions.read(dataSource, c -> store.position(c, s.name()));
        long waiting = Transactions.read(dataSource, c -> store.count(c, s.name(), TrackedItem.Status.WAITING));
        FacilityConnector current = open;
        return new ConnectorStatus(s.name(), s.type(), current == null ? null : current.system(), h.state(), h.lastError(),
                h.since(), position.cursor().changedAt(), position.cursor().lastId(), position.seen(), position.applied(),
                waiting, writeBacks.backlog(), position.lastSyncAt(), h.nextPollAt(), s.writeBack(), writeBacks.failed());
    }

    @Override
    public SyncResult sync() {
        try {
            return onWorker(() -> {
                FacilityConnector connector = connection();
                if (connector == null) {
                    return new SyncResult(name(), 0, 0, false, health.snapshot().lastError(), 0);
                }
                SyncResult total = null;
                do {
                    SyncResult turn = poll(connector);
                    total = total == null ? turn : new SyncResult(name(), total.seen() + turn.seen(),
                            total.applied() + turn.applied(), turn.complete(), turn.error(), total.millis() + turn.millis());
                } while (!total.complete() && total.error() == null);
                return total;
            });
        } catch (TimeoutException e) {
            // Not an error: the poll goes on on the worker; GET /api/v1/connectors shows its progress.
            return new SyncResult(name(), 0, 0, false, null, WAIT.toMillis());
        }
    }

    @Override
    public ItemOutcome notified(Notice notice) {
        String secret = settings.webhookSecret();
        if (secret == null) {
            throw new ProblemException(401, "Unauthorized", "Connector " + name()
                    + " takes no webhooks: it has no webhook secret configured.");
        }
        WebhookSignature.Check check = WebhookSignature.verify(secret, notice.id(), notice.timestamp(), notice.signature(),
                notice.body() == null ? new byte[0] : notice.body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE);
        if (!check.valid()) {
            LOG.info("Connector {}: webhook {} refused: {}", name(), notice.id(), check.reason());
            throw new ProblemException(401, "Unauthorized", "The webhook signature does not verify: " + check.reason() + ".");
        }
        JsonInput in = JsonInput.parse(notice.body());
        String externalId = in.requiredText("externalId", 200);
        in.validate();
        return itemChanged(externalId);
    }

    @Override
    public ItemOutcome itemChanged(String externalId) {
        try {
            return onWorker(() -> {
                FacilityConnector connector = connection();
                if (connector == null) {
                    throw new ProblemException(503, "Service unavailable", "Connector " + name() + " is STOPPED: "
                            + health.snapshot().lastError());
                }
                InstanceSettings s = settings;
                Optional<WorkItem> item;
                try {
                    item = connector.read(externalId);
                } catch (FacilitySystemException e) {
                    failed(connector.system() + ": " + e.getMessage());
                    return new ItemOutcome(externalId, ItemOutcome.Outcome.DEFERRED, null,
                            "could not read it now (" + e.getMessage() + "); the next poll applies it");
                }
                if (item.isEmpty()) {
                    return new ItemOutcome(externalId, ItemOutcome.Outcome.NOT_FOUND, null,
                            connector.system() + " does not know this item");
                }
                try {
                    return applier.apply(item.get(), s.name(), connector.system(), s.owners(), null);
                } catch (Unavailable e) {
                    failed(e.getMessage());
                    return new ItemOutcome(externalId, ItemOutcome.Outcome.DEFERRED, null,
                            e.getMessage() + "; the next poll applies it");
                }
            });
        } catch (TimeoutException e) {
            return new ItemOutcome(externalId, ItemOutcome.Outcome.DEFERRED, null,
                    "the connector is busy; the next poll applies it");
        }
    }

    @Override
    public List<TrackedItem> items(TrackedItem.Status status, int limit) {
        String system = settings.name();
        return Transactions.read(dataSource, c -> store.list(c, system, status, limit)).stream()
                .map(ItemRecord::tracked).toList();
    }

    @Override
    public List<WriteBack> writeBacks(WriteBack.Status status, int limit) {
        return writeBacks.log(status, limit);
    }

    @Override
    public WriteBackPage writeBacks(WriteBack.Status status, String cursor, int limit) {
        return writeBacks.log(status, cursor, limit);
    }

    /**
     * One attempt of the outbox to write a note back, on the instance's worker (after a poll turn or a webhook in
     * progress), with the adapter as it is open there.
     */
    private void writeOnWorker(StatusNote note) throws FacilitySystemException {
        if (stopping) {
            // Not queued behind the worker's last turn: the note waits in the outbox for the next start.
            throw new Unavailable("connector " + name() + " is stopping", null);
        }
        FacilitySystemException[] refused = new FacilitySystemException[1];
        try {
            worker.runNow("Write-back of connector " + name(), () -> {
                FacilityConnector connector = connection();
                if (connector == null) {
                    throw new Unavailable("connector " + name() + " is STOPPED: " + health.snapshot().lastError(), null);
                }
                try {
                    connector.writeBack(note);
                } catch (FacilitySystemException e) {
                    refused[0] = e;
                }
                return null;
            }, WAIT);
        } catch (TimeoutException e) {
            // The write may still happen; the next attempt is marked a retry and looks for the note first.
            throw new Unavailable("connector " + name() + " was busy for " + WAIT.toSeconds() + " s", e);
        }
        if (refused[0] != null) {
            throw refused[0];
        }
    }

    /**
     * Runs work on the instance's worker after what is queued there, and waits for it at most {@link #WAIT}; a
     * poll and a webhook never apply items at the same time. The work goes on when the wait runs out.
     */
    private <T> T onWorker(Callable<T> work) throws TimeoutException {
        if (stopping) {
            throw new ProblemException(503, "Service unavailable", "Connector " + name() + " is stopping; try again shortly.");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        worker.runSoon("Connector " + name(), () -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for connector " + name(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("connector " + name() + " failed", e.getCause());
        }
    }

    /** Every tick: (re)open the adapter if needed, and poll when one is due. */
    private void tick() {
        FacilityConnector connector = connection();
        if (connector != null && health.due(clock.instant())) {
            SyncResult turn = poll(connector);
            if (!turn.complete() && turn.error() == null) {
                // Paused to let queued webhooks in: go on right after them.
                worker.runSoon("Connector " + settings.name(), this::tick);
            }
        }
    }

    private SyncResult poll(FacilityConnector connector) {
        InstanceSettings s = settings;
        SyncResult result = polls.run(s.name(), connector, s.owners(), s.pageSize(), ITEMS_PER_TURN);
        Instant now = clock.instant();
        if (result.error() != null) {
            failed(result.error());
        } else {
            boolean recovering = health.snapshot().state() == ConnectorState.DEGRADED;
            health.succeeded(now, result.complete() ? now.plus(s.pollInterval()) : now);
            if (recovering) {
                LOG.info("Connector {}: working again", s.name());
            }
        }
        return result;
    }

    private void failed(String error) {
        InstanceSettings s = settings;
        boolean first = health.snapshot().state() != ConnectorState.DEGRADED;
        health.failed(error, clock.instant(), s.retryBase(), s.pollInterval());
        if (first) {
            LOG.warn("Connector {} is DEGRADED: {}; it retries and loses nothing", s.name(), error);
        }
    }

    /** The adapter's connector for the current settings, opened when needed; null (and STOPPED) when it cannot run. */
    private FacilityConnector connection() {
        InstanceSettings s = settings;
        Instant now = clock.instant();
        if (!s.enabled()) {
            return stop("switched off (enabled = false)", now);
        }
        if (!s.problems().isEmpty()) {
            return stop("configuration: " + String.join("; ", s.problems()), now);
        }
        FacilityConnectorFactory adapter = null;
        List<FacilityConnectorFactory> installed = adapters;
        for (FacilityConnectorFactory candidate : installed == null ? List.<FacilityConnectorFactory>of() : installed) {
            if (s.type().equals(candidate.type())) {
                adapter = candidate;
                break;
            }
        }
        if (adapter == null) {
            return stop("no adapter for type '" + s.type() + "' is installed (feature omotenashi-connector-" + s.type() + ")", now);
        }
        if (open == null || openFrom != adapter || openWith != s) {
            try {
                open = adapter.open(s.connection());
                openFrom = adapter;
                openWith = s;
            } catch (IllegalArgumentException e) {
                return stop("configuration: " + e.getMessage(), now);
            }
        }
        health.resumed(now);
        return open;
    }

    private FacilityConnector stop(String why, Instant now) {
        boolean first = health.snapshot().state() != ConnectorState.STOPPED;
        health.stopped(why, now);
        open = null;
        openFrom = null;
        openWith = null;
        if (first) {
            LOG.warn("Connector {} is STOPPED: {}", settings.name(), why);
        }
        return null;
    }
}
