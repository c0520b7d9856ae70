package org.omotenashi.core.internal.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.ConsumerState;
import org.omotenashi.core.events.DomainEvent;
import org.omotenashi.core.events.EventFilter;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventReaction;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.events.LoggedEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable event log over the shared database: its tables are migrated by the core's changelog when it
 * activates; a relay gives committed events their positions and posts them to EventAdmin; each subscription
 * reads on a thread of its own. Constructed without OSGi (and without threads until {@link #start()}) in tests.
 */
@Component(service = EventLog.class, configurationPid = StoredEventLog.PID)
@Designate(ocd = EventsConfig.class)
public final class StoredEventLog implements EventLog {
    static final String PID = "org.omotenashi.events";
    /** The core's own tables: the event log. */
    public static final String CHANGELOG = "db/core/changelog.xml";
    private static final Logger LOG = LoggerFactory.getLogger(StoredEventLog.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final EventStore store = new EventStore();
    private final EventRelay relay;
    private final EventPurge purge;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private volatile EventSettings settings;
    private volatile EventAdmin eventAdmin;
    private Worker relayWorker;
    private Worker purgeWorker;

    @Activate
    public StoredEventLog(@Reference(name = "dataSource") DataSource dataSource, @Reference(name = "clock") Clock clock,
                          EventsConfig config) {
        this(dataSource, clock, EventSettings.of(config));
        start();
    }

    /** Migrates the tables; nothing runs until {@link #start()}, so tests drive each step themselves. */
    public StoredEventLog(DataSource dataSource, Clock clock, EventSettings settings) {
        Migrations.apply(dataSource, CHANGELOG, StoredEventLog.class);
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.relay = new EventRelay(dataSource, clock, this::relayed);
        this.purge = new EventPurge(dataSource, clock, () -> this.settings.retention());
    }

    /** A log with the default settings, for the modules' tests. */
    public static StoredEventLog forTests(DataSource dataSource, Clock clock) {
        return new StoredEventLog(dataSource, clock, EventSettings.defaults());
    }

    synchronized void start() {
        relayWorker = new Worker("omotenashi-event-relay", "Event relay", relay::relay, settings.relayIntervalMillis());
        purgeWorker = new Worker("omotenashi-event-purge", "Event purge", purge::purge, settings.purgeIntervalMillis());
    }

    @Modified
    synchronized void modified(EventsConfig config) {
        EventSettings next = EventSettings.of(config);
        boolean intervals = next.relayIntervalMillis() != settings.relayIntervalMillis()
                || next.purgeIntervalMillis() != settings.purgeIntervalMillis()
                || next.consumerIntervalMillis() != settings.consumerIntervalMillis();
        settings = next;
        if (intervals && relayWorker != null) {
            stopWorkers();
            start();
            subscriptions.values().forEach(Subscription::restart);
        }
    }

    @Deactivate
    synchronized void stop() {
        subscriptions.values().forEach(Subscription::close);
        stopWorkers();
    }

    private void stopWorkers() {
        if (relayWorker != null) {
            relayWorker.close();
            purgeWorker.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin admin) {
        eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
        }
    }

    @Override
    public String append(Connection transaction, String topic, Map<String, ?> properties) throws SQLException {
        if (topic == null || topic.isBlank() || topic.length() > 200) {
            throw new IllegalArgumentException("an event needs a topic of 1 to 200 characters");
        }
        String id = UUID.randomUUID().toString();
        Object customer = properties.get("customerId");
        store.insertPending(transaction, id, topic, source(topic), customer == null ? null : customer.toString(),
                clock.instant(), EventProperties.write(properties));
        // The test hook first: its halt comes before anything after the commit could wake the relay.
        HaltForTests.armIfAsked(topic);
        Transactions.afterCommit(this::wakeRelay);
        return id;
    }

    /** The module a topic belongs to: {@code omotenashi/promise/KEPT} is the promise module's. */
    static String source(String topic) {
        String[] segments = topic.split("/");
        String module = segments.length >= 3 ? segments[segments.length - 2] : segments[0];
        return module.toLowerCase(Locale.ROOT);
    }

    private void wakeRelay() {
        Worker worker = relayWorker;
        if (worker != null) {
            worker.wake();
        }
    }

    /** After a relay commit: EventAdmin gets each event as it was written, then the consumers are woken. */
    private void relayed(List<DomainEvent> events) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            for (DomainEvent e : events) {
                try {
                    admin.postEvent(new LoggedEvent(e));
                } catch (RuntimeException failure) {
                    LOG.warn("EventAdmin refused {}; the log keeps it", e.topic(), failure);
                }
            }
        }
        subscriptions.values().forEach(Subscription::wake);
    }

    /** Relays now, on the caller's thread; tests use it in place of the relay thread. */
    public int relayNow() {
        return relay.relay();
    }

    /** Purges now; for tests and the shell. */
    public int purgeNow() {
        return purge.purge();
    }

    @Override
    public EventSubscription subscribe(String consumer, Predicate<String> wants, EventReaction reaction) {
        return subscribe(consumer, wants, reaction, 1);
    }

    @Override
    public EventSubscription subscribe(String consumer, Predicate<String> wants, EventReaction reaction,
                                       int perTransaction) {
        if (perTransaction < 1 || perTransaction > ConsumerLoop.BATCH) {
            throw new IllegalArgumentException("1 to " + ConsumerLoop.BATCH + " events per transaction");
        }
        if (consumer == null || consumer.isBlank() || consumer.length() > 100) {
            throw new IllegalArgumentException("a consumer needs a name of 1 to 100 characters");
        }
        ConsumerLoop loop = new ConsumerLoop(consumer, wants, reaction, perTransaction, dataSource, clock,
                () -> settings);
        Subscription subscription = new Subscription(loop, relayWorker != null);
        if (subscriptions.putIfAbsent(consumer, subscription) != null) {
            subscription.close();
            throw new IllegalStateException("consumer " + consumer + " is already reading the log");
        }
        return subscription;
    }

    @Override
    public List<DomainEvent> list(EventFilter filter) {
        return Transactions.read(dataSource, c -> store.list(c, filter));
    }

    @Override
    public List<ConsumerState> consumers() {
        return Transactions.read(dataSource, c -> store.consumers(c, store.head(c), Set.copyOf(subscriptions.keySet())));
    }

    @Override
    public boolean forget(String consumer) {
        if (subscriptions.containsKey(consumer)) {
            LOG.warn("Event consumer {} is reading the log and is not forgotten", consumer);
            return false;
        }
        boolean forgotten = Transactions.inTransaction(dataSource, c -> store.forgetConsumer(c, consumer, clock.instant()));
        if (forgotten) {
            LOG.info("Event consumer {} forgotten: its set-aside events are deleted", consumer);
        }
        return forgotten;
    }

    @Override
    public long head() {
        return Transactions.read(dataSource, store::head);
    }

    /** Events written whose transaction committed but that the relay has not positioned yet. */
    public long pending() {
        return Transactions.read(dataSource, store::countPending);
    }

    /** A consumer reading on its own worker thread (or, before {@link #start()}, only when asked to catch up). */
    private final class Subscription implements EventSubscription {
        private final ConsumerLoop loop;
        private volatile Worker worker;

        Subscription(ConsumerLoop loop, boolean threaded) {
            this.loop = loop;
            loop.position(); // a new consumer starts at the head as of now, not as of its first run
            if (threaded) {
                worker = new Worker("omotenashi-events-" + loop.consumer(), "Event consumer " + loop.consumer(), loop::catchUp,
                        settings.consumerIntervalMillis());
            }
        }

        void wake() {
            Worker w = worker;
            if (w != null) {
                w.wake();
            }
        }

        synchronized void restart() {
            if (worker != null) {
                worker.close();
                worker = new Worker("omotenashi-events-" + loop.consumer(), "Event consumer " + loop.consumer(), loop::catchUp,
                        settings.consumerIntervalMillis());
            }
        }

        @Override
        public String consumer() {
            return loop.consumer();
        }

        @Override
        public int catchUp() {
            Worker w = worker;
            return w == null ? loop.catchUp() : w.runNow();
        }

        @Override
        public synchronized void close() {
            subscriptions.remove(loop.consumer(), this);
            if (worker != null) {
                worker.close();
                worker = null;
            }
        }
    }
}
