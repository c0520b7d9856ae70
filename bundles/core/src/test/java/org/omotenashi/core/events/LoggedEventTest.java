package org.omotenashi.core.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.util.Map;

import org.junit.Test;
import org.osgi.service.event.Event;

public class LoggedEventTest {

    @Test
    public void anotherBundlesEventHandsOverEveryPropertyWithItsType() {
        Event posted = new Event("omotenashi/desk/CALLED", Map.of("customerId", "c-1", "minutes", 3L));
        Map<String, Object> properties = LoggedEvent.properties(posted);
        assertEquals("c-1", properties.get("customerId"));
        assertEquals(3L, properties.get("minutes"));
        assertEquals("omotenashi/desk/CALLED", properties.get("event.topics"));
        assertFalse(LoggedEvent.isLogged(posted));
    }
}
