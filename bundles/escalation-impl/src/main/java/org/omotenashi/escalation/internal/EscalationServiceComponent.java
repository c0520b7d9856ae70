package org.omotenashi.escalation.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import org.omotenashi.core.calendar.BusinessCalendar;
import org.omotenashi.core.db.Migrations;
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
 * Registers the escalation service once its tables are migrated, and runs its schedule: time triggers,
 * escalations moving up when not acknowledged, and the scan of rule files. The promise tracker is an
 * optional neighbour: without it only event triggers on other topics apply.
 */
@Component(service = EscalationService.class,
        configurationPid = {"org.omotenashi.escalation", "org.omotenashi.escalation.mail"})
public class EscalationServiceComponent implements EscalationService {
    static final String CHANGELOG = "db/escalation/changelog.xml";
    /** The rules' position in the durable event log. */
    static final String CONSUMER = "escalation.rules";
    private static final Logger LOG = LoggerFactory.getLogger(EscalationServiceComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PromiseTracker tracker;

    private final StoredEscalations escalations;
    private final Worker scheduler = new Worker("omotenashi-escalation-schedule");
    private final List<Worker.Schedule> tasks = new ArrayList<>();
    private volatile RuleFiles ruleFiles;
    private final EventSubscription ruleEvents;

    @Activate
    public EscalationServiceComponent(@Reference(name = "dataSource") DataSource dataSource,
                                      @Reference(name = "clock") Clock clock,
                                      @Reference(name = "calendar") BusinessCalendar calendar,
                                      @Reference(name = "eventLog") EventLog eventLog,
                                      EscalationConfig config, MailConfig mail) {
        Migrations.apply(dataSource, CHANGELOG, EscalationServiceComponent.class);
        escalations = new StoredEscalations(dataSource, SecretSeal.configured(config), clock, calendar,
                new EscalationEvents(eventLog), () -> tracker, EscalationSettings.from(config, mail));
        schedule(config);
        // The suite's events reach the rules from the durable log, each in the transaction that moves the rules past
        // it: after a stop, an update or a crash they catch up, and no event opens an escalation twice.
        ruleEvents = eventLog.subscribe(CONSUMER, escalations::concerns,
                (c, event) -> escalations.evaluateOn(c, event.topic(), event.properties(), false));
    }

    @Modified
    void modified(EscalationConfig config, MailConfig mail) {
        escalations.setSettings(EscalationSettings.from(config, mail));
        tasks.forEach(Worker.Schedule::cancel);
        tasks.clear();
        schedule(config);
    }

    @Deactivate
    void deactivate() {
        ruleEvents.close();
        scheduler.close();
    }

    private void schedule(EscalationConfig config) {
        ruleFiles = new RuleFiles(folders(config));
        tasks.add(scheduler.every("Scan of escalation rule files",
                Duration.ofSeconds(Math.max(1, config.ruleScanIntervalSeconds())), Duration.ZERO, this::scanRuleFiles));
        tasks.add(scheduler.every("Escalation schedule",
                Duration.ofSeconds(Math.max(1, config.scheduleIntervalSeconds())), Duration.ofSeconds(1), this::evaluate));
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

    /** Runs one scan of the rule folders now; the shell and tests use it instead of waiting. */
    private void scanRuleFiles() {
        Map<String, EscalationRule> previous = new HashMap<>();
        escalations.rules().forEach(r -> previous.put(r.id(), r));
        escalations.syncFileRules(ruleFiles.scan(escalations.ruleReader(), previous));
    }

    private void evaluate() {
        SweepReport run = runSchedule();
        if (run.fired() > 0 || run.raised() > 0) {
            LOG.info("Escalation schedule: {} opened by time triggers, {} moved up a level", run.fired(), run.raised());
        }
    }

    /** One run of the schedule: the time triggers, then escalations left unacknowledged too long move up. */
    private SweepReport runSchedule() {
        long started = System.nanoTime();
        StoredEscalations.TimeSweep sweep = escalations.evaluateTimeTriggers();
        int raised = escalations.raiseUnacknowledged();
        return new SweepReport(sweep.subjects(), sweep.fired(), raised, (System.nanoTime() - started) / 1e6);
    }

    RuleJson ruleReader() {
        return escalations.ruleReader();
    }

    /** The rules' answer to one event pushed over REST, by the same path EventAdmin events take. */
    StoredEscalations.EventResult evaluate(String topic, Map<String, Object> properties) {
        return escalations.evaluate(topic, properties);
    }

    /** What one on-demand run of the schedule did and how long it took. */
    record SweepReport(int subjects, int fired, int raised, double millis) {
    }

    /**
     * Runs the schedule once now, on its own thread, so it never overlaps a scheduled run (which would only
     * find the escalations this one opened). Waits for the run and times it there.
     */
    SweepReport sweepNow() {
        return scheduler.runNow("Escalation schedule", this::runSchedule);
    }

    @Override
    public List<EscalationRule> rules() {
        return escalations.rules();
    }

    @Override
    public Optional<EscalationRule> rule(String id) {
        return escalations.rule(id);
    }

    @Override
    public EscalationRule createRule(EscalationRule rule) {
        return escalations.createRule(rule);
    }

    @Override
    public EscalationRule updateRule(String id, EscalationRule rule, Long expectedVersion) {
        return escalations.updateRule(id, rule, expectedVersion);
    }

    @Override
    public void deleteRule(String id) {
        escalations.deleteRule(id);
    }

    @Override
    public DryRun dryRun(EscalationRule rule) {
        return escalations.dryRun(rule);
    }

    @Override
    public List<Escalation> onEvent(String topic, Map<String, Object> properties) {
        return escalations.onEvent(topic, properties);
    }

    @Override
    public Page<Escalation> list(EscalationQuery query) {
        return escalations.list(query);
    }

    @Override
    public Optional<Escalation> find(String id) {
        return escalations.find(id);
    }

    @Override
    public Escalation acknowledge(String id, String by, String note) {
        return escalations.acknowledge(id, by, note);
    }

    @Override
    public Escalation resolve(String id, String by, String note) {
        return escalations.resolve(id, by, note);
    }

    @Override
    public List<Delivery> deliveries(DeliveryStatus status, int limit) {
        return escalations.deliveries(status, limit);
    }
}
