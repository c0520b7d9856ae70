package org.omotenashi.escalation.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.Migrations;
import org.omotenashi.core.db.Transactions;
import org.omotenashi.core.events.EventLog;
import org.omotenashi.core.events.EventSubscription;
import org.omotenashi.core.model.Page;
import org.omotenashi.core.work.Worker;
import org.omotenashi.escalation.api.Delivery;
import org.omotenashi.escalation.api.DeliveryStatus;
import org.omotenashi.escalation.api.DryRun;
import org.omotenashi.escalation.api.Escalation;
import org.omotenashi.escalation.api.EscalationQuery;
import org.omotenashi.escalation.api.EscalationRule;
import org.omotenashi.escalation.api.EscalationService;
import org.omotenashi.escalation.api.EventOutcome;
import org.omotenashi.escalation.api.ScheduleRun;
import org.omotenashi.promises.api.PromiseTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation rules at work, registered once their tables are migrated. Its parts do the work: the rules,
 * their firing (escalations and their outbox rows written in one transaction), the candidates they fire for,
 * dry runs and the escalations' lifecycle. It runs the schedule (time triggers, escalations moving up when
 * nobody acknowledges them, the scan of rule files) and the outbox, each on a thread of its own; runs asked
 * for on demand take those same threads. The promise tracker is an optional neighbour: without it only
 * event triggers on other topics apply.
 */
@Component(service = EscalationService.class, immediate = true,
        configurationPid = {"org.omotenashi.escalation", "org.omotenashi.escalation.mail"})
public class StoredEscalations implements EscalationService {
    static final String CHANGELOG = "db/escalation/changelog.xml";
    /** The rules' position in the durable event log. */
    static final String CONSUMER = "escalation.rules";
    /** The rules write only in the consumer's transaction (deliveries go through the outbox): many events a commit. */
    private static final int EVENTS_PER_TRANSACTION = 50;
    private static final Logger LOG = LoggerFactory.getLogger(StoredEscalations.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PromiseTracker tracker;

    private final Clock clock;
    private final EscalationOutbox outbox;
    private final EscalationRules rules;
    private final Candidates candidates;
    private final Firing firing;
    private final DryRuns dryRuns;
    private final EscalationLifecycle lifecycle;
    private final Worker schedule = new Worker("omotenashi-escalation-schedule");
    private final List<Worker.Schedule> tasks = new ArrayList<>();
    private volatile EscalationSettings settings;
    private volatile RuleFiles ruleFiles;
    private EventSubscription ruleEvents;

    /** What the escalations keep their data in: their tables migrated, the outbox and the seal of its secrets. */
    record Storage(DataSource dataSource, SecretSeal seal, EscalationOutbox outbox) {
        /** Opens the outbox first: migrating the escalation tables moves deliveries stored before it into it. */
        static Storage open(DataSource dataSource, Clock clock, SecretSeal seal) {
            EscalationOutbox outbox = new EscalationOutbox(dataSource, clock, seal);
            Migrations.apply(dataSource, CHANGELOG, StoredEscalations.class);
            return new Storage(dataSource, seal, outbox);
        }
    }

    @Activate
    public StoredEscalations(@Reference(name = "dataSource") DataSource dataSource,
                             @Reference(name = "clock") Clock clock,
                             @Reference(name = "calendar") BusinessCalendar calendar,
                             @Reference(name = "eventLog") EventLog eventLog,
                             EscalationConfig config, MailConfig mail) {
        this(Storage.open(dataSource, clock, SecretSeal.configured(config)), clock, calendar,
                new EscalationEvents(eventLog), null, EscalationSettings.from(config, mail));
        start(config, mail);
        // The suite's events reach the rules from the durable log, each in the transaction that moves the rules past
        // it: after a stop, an update or a crash they catch up, and no event opens an escalation twice.
        ruleEvents = eventLog.subscribe(CONSUMER, this::concerns,
                (c, event) -> evaluateOn(c, event.topic(), event.properties(), false), EVENTS_PER_TRANSACTION);
    }

    /**
     * Without a schedule and with an outbox that has no channels: only what is asked for happens.
     *
     * @param tracker the promise tracker as it is now; null for the one this component is bound to
     */
    StoredEscalations(Storage storage, Clock clock, BusinessCalendar calendar, EscalationEvents events,
                      Supplier<PromiseTracker> tracker, EscalationSettings settings) {
        Supplier<PromiseTracker> promises = tracker != null ? tracker : () -> this.tracker;
        Supplier<EscalationSettings> current = () -> this.settings;
        this.clock = clock;
        this.settings = settings;
        this.outbox = storage.outbox();
        DataSource dataSource = storage.dataSource();
        ConditionEngine conditions = new ConditionEngine();
        EscalationStore store = new EscalationStore();
        RuleStore ruleStore = new RuleStore(storage.seal());
        RecentEvents recent = new RecentEvents(500);
        this.candidates = new Candidates(clock, calendar, promises, current);
        this.rules = new EscalationRules(dataSource, clock, ruleStore, conditions, current, candidates::retainRules);
        this.lifecycle = new EscalationLifecycle(dataSource, clock, events, store);
        this.firing = new Firing(dataSource, clock, calendar, conditions, store, outbox, rules, candidates,
                recent, lifecycle, current);
        this.dryRuns = new DryRuns(clock, candidates, recent, firing, events);
        int sealed = Transactions.inTransaction(dataSource,
                c -> ruleStore.sealStoredSecrets(c) + outbox.sealStoredSecrets(c));
        if (sealed > 0) {
            LOG.info("Sealed the webhook secrets of {} rules and deliveries stored before secrets were sealed", sealed);
        }
        rules.reload();
    }

    @Modified
    void modified(EscalationConfig config, MailConfig mail) {
        settings = EscalationSettings.from(config, mail);
        tasks.forEach(Worker.Schedule::cancel);
        tasks.clear();
        start(config, mail);
    }

    @Deactivate
    void deactivate() {
        if (ruleEvents != null) {
            ruleEvents.close();
        }
        schedule.close();
        outbox.close();
    }

    private void start(EscalationConfig config, MailConfig mail) {
        ruleFiles = new RuleFiles(folders(config));
        tasks.add(schedule.every("Scan of escalation rule files",
                Duration.ofSeconds(Math.max(1, config.ruleScanIntervalSeconds())), Duration.ZERO, this::scanRuleFiles));
        tasks.add(schedule.every("Escalation schedule",
                Duration.ofSeconds(Math.max(1, config.scheduleIntervalSeconds())), Duration.ofSeconds(1), () -> {
                    ScheduleRun run = runScheduleOnce();
                    if (run.fired() > 0 || run.raised() > 0) {
                        LOG.info("Escalation schedule: {} opened by time triggers, {} moved up a level", run.fired(),
                                run.raised());
                    }
                }));
        outbox.deliver(mail, config, clock, () -> tracker);
    }

    static List<Path> folders(EscalationConfig config) {
        List<Path> folders = new ArrayList<>();
        for (String folder : config.ruleDirectories()) {
            if (!folder.isBlank()) {
                folders.add(Path.of(folder.strip()));
            }
        }
        if (folders.isEmpty()) {
            String etc = System.getProperty("karaf.etc");
            String base = System.getProperty("karaf.base");
            if (etc != null) {
                folders.add(Path.of(etc));
            }
            if (base != null) {
                folders.add(Path.of(base, "deploy"));
            }
        }
        return folders;
    }

    private void scanRuleFiles() {
        Map<String, EscalationRule> previous = new HashMap<>();
        rules.all().forEach(r -> previous.put(r.id(), r));
        rules.syncFiles(ruleFiles.scan(rules.reader(), previous));
    }

    /** One run of the schedule: the time triggers, then escalations left unacknowledged too long move up. */
    private ScheduleRun runScheduleOnce() {
        long started = System.nanoTime();
        Firing.TimeSweep sweep = firing.evaluateTimeTriggers();
        int raised = firing.raiseUnacknowledged();
        return new ScheduleRun(sweep.subjects(), sweep.fired(), raised, (System.nanoTime() - started) / 1e6);
    }

    void setSettings(EscalationSettings next) {
        settings = next;
    }

    /** Reads rule JSON with the current settings, as the API does. */
    RuleJson ruleReader() {
        return rules.reader();
    }

    void syncFileRules(Map<String, RuleFiles.FileRule> found) {
        rules.syncFiles(found);
    }

    /** Whether an event of the log concerns the rules at all: the log's consumer passes over the others. */
    boolean concerns(String topic) {
        return firing.concerns(topic);
    }

    /** Evaluates the event rules for an event of the log, in the transaction that moves the rules past it. */
    Firing.EventResult evaluateOn(Connection c, String topic, Map<String, Object> properties, boolean remember)
            throws SQLException {
        return firing.evaluateOn(c, topic, properties, remember);
    }

    void limitTimeSubjectsPerRun(int subjects) {
        candidates.limitTimeSubjectsPerRun(subjects);
    }

    Firing.TimeSweep evaluateTimeTriggers() {
        return firing.evaluateTimeTriggers();
    }

    int raiseUnacknowledged() {
        return firing.raiseUnacknowledged();
    }

    EscalationOutbox outbox() {
        return outbox;
    }

    @Override
    public List<EscalationRule> rules() {
        return rules.all();
    }

    @Override
    public Optional<EscalationRule> rule(String id) {
        return rules.rule(id);
    }

    @Override
    public EscalationRule createRule(EscalationRule rule) {
        return rules.create(rule);
    }

    @Override
    public EscalationRule updateRule(String id, EscalationRule rule, Long expectedVersion) {
        return rules.update(id, rule, expectedVersion);
    }

    @Override
    public void deleteRule(String id) {
        rules.delete(id);
    }

    @Override
    public DryRun dryRun(EscalationRule rule) {
        return dryRuns.dryRun(rule);
    }

    @Override
    public List<Escalation> onEvent(String topic, Map<String, Object> properties) {
        return firing.evaluate(topic, properties).changed();
    }

    @Override
    public EventOutcome push(String topic, Map<String, Object> properties) {
        Firing.EventResult result = firing.evaluate(topic, properties);
        return new EventOutcome(topic, result.matchedRules(), result.opened(), result.raised(), result.suppressed());
    }

    /**
     * Runs the schedule once now, on its own thread, so it never overlaps a scheduled run (which would only
     * find the escalations this one opened). Waits for the run and times it there.
     */
    @Override
    public ScheduleRun runSchedule() {
        return schedule.runNow("Escalation schedule", this::runScheduleOnce);
    }

    @Override
    public Page<Escalation> list(EscalationQuery query) {
        return lifecycle.list(query);
    }

    @Override
    public Optional<Escalation> find(String id) {
        return lifecycle.find(id);
    }

    @Override
    public Escalation acknowledge(String id, String by, String note) {
        return lifecycle.acknowledge(id, by, note);
    }

    @Override
    public Escalation resolve(String id, String by, String note) {
        return lifecycle.resolve(id, by, note);
    }

    @Override
    public List<Delivery> deliveries(DeliveryStatus status, int limit) {
        return outbox.deliveries(status, limit);
    }

    @Override
    public int deliverNow() {
        return outbox.deliverNow();
    }
}
