package org.omotenashi.core.internal.cxf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

public class RequestsInsideTest {

    @Test
    public void countsEachEndpointOnItsOwnAndForgetsAnEmptyOne() {
        Object lift = new Object();
        Object door = new Object();
        RequestsInside.enter(lift);
        RequestsInside.enter(lift);
        RequestsInside.enter(door);
        assertEquals(2, RequestsInside.count(lift));
        assertEquals(1, RequestsInside.count(door));
        RequestsInside.leave(lift);
        RequestsInside.leave(door);
        assertEquals(1, RequestsInside.count(lift));
        assertEquals(0, RequestsInside.count(door));
        RequestsInside.leave(lift);
        assertEquals(0, RequestsInside.count(lift));
    }

    @Test
    public void anEndpointNobodyIsInsideIsDrainedAtOnce() throws Exception {
        assertTrue(RequestsInside.awaitNone(new Object(), 0));
    }

    @Test
    public void drainingWaitsForTheRequestInsideToLeave() throws Exception {
        Object endpoint = new Object();
        RequestsInside.enter(endpoint);
        ExecutorService drainer = Executors.newSingleThreadExecutor();
        try {
            Thread[] draining = new Thread[1];
            CountDownLatch started = new CountDownLatch(1);
            Future<Boolean> drained = drainer.submit(() -> {
                draining[0] = Thread.currentThread();
                started.countDown();
                return RequestsInside.awaitNone(endpoint, TimeUnit.MINUTES.toMillis(1));
            });
            assertTrue(started.await(1, TimeUnit.MINUTES));
            // Seen waiting (it sleeps between looks) while the request is still inside: it did not return early.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (draining[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(Thread.State.TIMED_WAITING, draining[0].getState());
            assertFalse("still waiting while the request is inside", drained.isDone());
            RequestsInside.leave(endpoint);
            assertTrue("drained once the request left", drained.get(1, TimeUnit.MINUTES));
            assertEquals(0, RequestsInside.count(endpoint));
        } finally {
            drainer.shutdownNow();
        }
    }

    @Test
    public void drainingGivesUpAfterItsBoundWhileARequestStaysInside() throws Exception {
        Object endpoint = new Object();
        RequestsInside.enter(endpoint);
        try {
            assertFalse(RequestsInside.awaitNone(endpoint, 10));
            assertEquals(1, RequestsInside.count(endpoint));
        } finally {
            RequestsInside.leave(endpoint);
        }
    }
}
