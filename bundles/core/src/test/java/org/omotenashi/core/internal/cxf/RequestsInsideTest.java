package org.omotenashi.core.internal.cxf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.CountDownLatch;
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
        CountDownLatch waiting = new CountDownLatch(1);
        Thread request = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RequestsInside.leave(endpoint);
        });
        request.start();
        waiting.countDown();
        assertTrue("drained once the request left", RequestsInside.awaitNone(endpoint, TimeUnit.MINUTES.toMillis(1)));
        request.join(TimeUnit.MINUTES.toMillis(1));
        assertEquals(0, RequestsInside.count(endpoint));
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
