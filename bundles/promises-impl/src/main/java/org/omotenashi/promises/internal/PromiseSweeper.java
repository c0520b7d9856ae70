package org.omotenashi.promises.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.omotenashi.promises.api.PromiseTracker;
import org.omotenashi.promises.api.SweepResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the due-date sweep on a schedule; a failed sweep is logged and the next one tries again. */
@Component(immediate = true, configurationPid = "org.omotenashi.promises")
public class PromiseSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(PromiseSweeper.class);

    @Reference
    private PromiseTracker tracker;

    private ScheduledExecutorService scheduler;

    @Activate
    void start(PromisesConfig config) {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "omotenashi-promise-sweep"));
        int interval = Math.max(1, Math.min(59, config.sweepIntervalSeconds()));
        scheduler.scheduleWithFixedDelay(this::sweepOnce, 1, interval, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        // A run under way finishes: Derby closes the connection of a thread that is interrupted.
        scheduler.shutdown();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
    }

    private void sweepOnce() {
        try {
            SweepResult result = tracker.sweep();
            if (result.broken() > 0 || result.dueSoon() > 0) {
                LOG.info("Promise sweep: {} broken, {} coming due", result.broken(), result.dueSoon());
            }
        } catch (RuntimeException e) {
            LOG.warn("Promise sweep failed; retrying at the next interval", e);
        }
    }
}
