package org.omotenashi.core.work;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.After;
import org.junit.Test;

/** The background loop every module shares: scheduled runs, runs on demand, failures reported once. */
public class WorkerTest {
    /** A bound on waiting for the worker's thread; never reached when the code is right. */
    private static final long BOUND_SECONDS = 30;

    private final List<String> reports = new CopyOnWriteArrayList<>();
    private final Worker worker = new Worker("test-worker", new Worker.FailureLog() {
        @Override
        public void failed(String what, RuntimeException failure, int inARow) {
            reports.add(what + " failed " + inARow + ": " + failure.getMessage());
        }

        @Override
        public void recovered(String what, int failedRuns) {
            reports.add(what + " recovered after " + failedRuns);
        }
    });

    @After
    public void stop() {
        worker.close();
    }

    @Test
    public void aRunOnDemandTakesTheThreadOfTheScheduledRunsAndAnswers() throws Exception {
        AtomicReference<Thread> scheduledOn = new AtomicReference<>();
        CountDownLatch scheduled = new CountDownLatch(1);
        worker.every("Sweep", Duration.ofHours(1), Duration.ZERO, () -> {
            scheduledOn.set(Thread.currentThread());
            scheduled.countDown();
        });
        assertTrue(scheduled.await(BOUND_SECONDS, TimeUnit.SECONDS));
        Thread ranOn = worker.runNow("Sweep", Thread::currentThread);
        assertSame(scheduledOn.get(), ranOn);
        assertEquals("test-worker", ranOn.getName());
    }

    @Test
    public void aFailureOnDemandIsTheCallersAndIsNotLogged() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> worker.runNow("Sweep", () -> {
                    throw new IllegalArgumentException("no such rule");
                }));
        assertEquals("no such rule", thrown.getMessage());
        assertEquals(List.of(), reports);
    }

    @Test
    public void aLastingFailureIsReportedOnceThenItsRecovery() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        worker.every("Delivery", Duration.ofMillis(1), Duration.ZERO, () -> {
            if (runs.incrementAndGet() <= 3) {
                throw new IllegalStateException("database down");
            }
            recovered.countDown();
        });
        assertTrue(recovered.await(BOUND_SECONDS, TimeUnit.SECONDS));
        // Drains the thread: every report of the runs so far has been made.
        worker.runNow("drain", () -> null);
        assertEquals(List.of("Delivery failed 1: database down", "Delivery failed 2: database down",
                "Delivery failed 3: database down", "Delivery recovered after 3"), reports.subList(0, 4));
        assertEquals(4, reports.size());
    }

    @Test
    public void aTaskKeepsItsScheduleAfterAFailedRun() throws Exception {
        CountDownLatch twice = new CountDownLatch(2);
        worker.every("Watch", Duration.ofMillis(1), Duration.ZERO, () -> {
            twice.countDown();
            throw new IllegalStateException("boom");
        });
        assertTrue(twice.await(BOUND_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    public void aCancelledTaskRunsNoMore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        Worker.Schedule schedule = worker.every("Scan", Duration.ofMillis(1), Duration.ZERO, () -> {
            runs.incrementAndGet();
            first.countDown();
        });
        assertTrue(first.await(BOUND_SECONDS, TimeUnit.SECONDS));
        schedule.cancel();
        int afterCancel = worker.runNow("drain", runs::get);
        assertEquals(afterCancel, worker.runNow("drain", runs::get).intValue());
    }

    @Test
    public void workSoonRunsOnTheWorkersThreadAndItsFailureIsLogged() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        worker.runSoon("Registration", () -> ranOn.set(Thread.currentThread().getName()));
        worker.runSoon("Registration", () -> {
            throw new IllegalStateException("tracker gone");
        });
        worker.runNow("drain", () -> null);
        assertEquals("test-worker", ranOn.get());
        assertEquals(List.of("Registration failed 1: tracker gone"), reports);
    }

    @Test
    public void aStoppedWorkerRefusesRunsOnDemand() {
        worker.close();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> worker.runNow("Sweep", () -> 1));
        assertTrue(refused.getMessage(), refused.getMessage().contains("Sweep is not running"));
        worker.runSoon("Sweep", () -> { });
    }
}
