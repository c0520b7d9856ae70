package org.omotenashi.core.endpoint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class PublicationsTest {
    private final List<String> closed = new ArrayList<>();

    private Publication endpoint(String name) {
        return () -> closed.add(name);
    }

    @Test
    public void endpointsAreTakenDownInReverseOrder() {
        Publications endpoints = Publications.open(() -> endpoint("rest"), () -> endpoint("soap"));
        endpoints.close();
        assertEquals(List.of("soap", "rest"), closed);
        endpoints.close();
        assertEquals("closing twice takes nothing down twice", 2, closed.size());
    }

    @Test
    public void aFailedPublicationTakesDownThoseAlreadyUp() {
        try {
            Publications.open(() -> endpoint("rest"), () -> {
                throw new IllegalStateException("address taken");
            }, () -> endpoint("never"));
            fail("the failure must reach the caller");
        } catch (IllegalStateException expected) {
            assertEquals("address taken", expected.getMessage());
        }
        assertEquals(List.of("rest"), closed);
    }
}
