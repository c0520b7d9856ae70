package org.omotenashi.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

import org.omotenashi.core.work.Worker;
import org.omotenashi.escalation.api.ActionType;
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

/**
 * Runs the outbox on a short fixed delay; it starts after the service has migrated the tables. The PIDs are
 * in the service component's order: with only an org.omotenashi.escalation configuration present (no mail
 * file), the reverse order left this component on its defaults in the assembly (loopback refused, 5 s back-off).
 */
@Component(immediate = true, service = DeliveryWorker.class,
        configurationPid = {"org.omotenashi.escalation", "org.omotenashi.escalation.mail"})
public class DeliveryWorker {

    @Reference(name = "dataSource")
    private DataSource dataSource;
    @Reference
    private Clock clock;
    @Reference
    private EscalationService escalations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PromiseTracker tracker;

    private final Worker scheduler = new Worker("omotenashi-escalation-delivery");
    private Worker.Schedule task;
    private volatile Outbox outbox;
    private SecretSeal seal;

    @Activate
    void start(MailConfig mail, EscalationConfig config) {
        // Read once, as the service does: both must open what the other sealed.
        seal = SecretSeal.configured(config);
        configure(mail, config);
    }

    @Modified
    void configure(MailConfig mail, EscalationConfig config) {
        Duration timeout = Duration.ofSeconds(Math.max(1, config.webhookTimeoutSeconds()));
        outbox = new Outbox(dataSource, seal, clock, Map.of(
                ActionType.NOTIFY, new MailChannel(mail),
                ActionType.WEBHOOK, new WebhookChannel(clock, timeout, config.allowLocalWebhookTargets()),
                ActionType.REASSIGN, new ReassignChannel(() -> tracker)),
                new Backoff(Duration.parse(config.retryBase()), Duration.parse(config.retryCap())),
                Duration.parse(config.giveUpAfter()),
                // Longer than any one attempt can take, so a row is only retaken when its worker died.
                timeout.multipliedBy(3).plusSeconds(30));
        if (task != null) {
            task.cancel();
        }
        task = scheduler.every("Escalation delivery run", Duration.ofMillis(Math.max(100, config.deliveryIntervalMillis())),
                Duration.ZERO, () -> outbox.deliverDue());
    }

    @Deactivate
    void stop() {
        scheduler.close();
    }

    /**
     * Runs the outbox once now, on the worker's own thread so it never overlaps a scheduled run, and waits
     * for it: every delivery due by the suite's clock has been attempted when this returns.
     *
     * @return how many deliveries were attempted
     */
    int deliverNow() {
        return scheduler.runNow("Escalation delivery run", () -> outbox.deliverDue());
    }
}
