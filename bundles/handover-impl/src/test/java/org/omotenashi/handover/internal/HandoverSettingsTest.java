package org.omotenashi.handover.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Set;

import org.junit.Test;
import org.omotenashi.handover.api.ChecklistItem;

public class HandoverSettingsTest {
    private static HandoverConfig config(String[] items, int hours) {
        return new HandoverConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HandoverConfig.class;
            }

            @Override
            public String[] requiredItems() {
                return items;
            }

            @Override
            public int ackTargetBusinessHours() {
                return hours;
            }

            @Override
            public int checkIntervalSeconds() {
                return 15;
            }

            @Override
            public String dataSource_target() {
                return "(dataSourceName=omotenashi)";
            }
        };
    }

    @Test
    public void configuredItemsAreReadByTheirFieldNamesInAnyCase() {
        HandoverSettings settings = HandoverSettings.of(config(new String[] {"Promises", "notes", " contractStart "}, 4));
        assertEquals(Set.of(ChecklistItem.PROMISES, ChecklistItem.NOTES, ChecklistItem.CONTRACT_START),
                settings.requiredItems());
        assertEquals(Duration.ofHours(4), settings.ackTarget());
    }

    @Test
    public void anUnknownChecklistItemIsRefusedRatherThanDropped() {
        try {
            HandoverSettings.of(config(new String[] {"contacts", "contcts"}, 8));
            fail("a misspelt item was accepted");
        } catch (IllegalArgumentException e) {
            assertEquals("unknown checklist item contcts", e.getMessage());
        }
    }
}
