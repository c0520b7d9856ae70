package org.omotenashi.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox on a short fixed delay; it starts after the service has migrated the tables. The PIDs are
 * in the service component's order: with only an org.omotenashi.escalation configuration present (no mail
 * file), the reverse order left this component on its defaults in the assembly (loopback refused, 5 s back-off).
 */
@Component(immediate = true, service = DeliveryWorker.class,
        configurationPid = {"org.omotenashi.escalation", "org.omotenashi.escalation.mail"})
public class DeliveryWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

    @Reference(name = "dataSource")
    private DataSource dataSource;
    @Reference
    private Clock clock;
    @Reference
    private EscalationService escalations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PromiseTracker tracker;

    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;
    private volatile Outbox outbox;
    private SecretSeal seal;

    @Activate
    void start(MailConfig mail, EscalationConfig config) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "omotenashi-escalation-delivery"));
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
            task.cancel(false);
        }
        task = scheduler.scheduleWithFixedDelay(this::runOnce, 0, Math.max(100, config.deliveryIntervalMillis()),
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        // A run under way finishes: Derby closes the connection of a thread that is interrupted.
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }

    private void runOnce() {
        try {
            outbox.deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("Escalation delivery run failed; retrying at the next interval", e);
        }
    }

    /**
     * Runs the outbox once now, on the worker's own thread so it never overlaps a scheduled run, and waits
     * for it: every delivery due by the suite's clock has been attempted when this returns.
     *
     * @return how many deliveries were attempted
     */
    int deliverNow() {
        return OnWorkerThread.run(scheduler, () -> outbox.deliverDue(), "the outbox");
    }
}
