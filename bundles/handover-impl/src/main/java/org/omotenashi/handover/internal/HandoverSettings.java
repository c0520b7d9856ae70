package org.omotenashi.handover.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.omotenashi.handover.api.ChecklistItem;

/** The rules an administrator can change at run time, read once from configuration and swapped whole. */
record HandoverSettings(Set<ChecklistItem> requiredItems, Duration ackTarget) {
    static final HandoverSettings DEFAULTS = new HandoverSettings(EnumSet.of(ChecklistItem.CONTACTS,
            ChecklistItem.EXPECTATIONS, ChecklistItem.CONTRACT_START, ChecklistItem.SERVICE_TEAM), Duration.ofHours(8));

    HandoverSettings {
        requiredItems = requiredItems.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requiredItems));
    }

    /** A configuration naming an unknown item is refused as a whole, so a typo never silently drops a check. */
    static HandoverSettings of(HandoverConfig config) {
        Set<ChecklistItem> items = EnumSet.noneOf(ChecklistItem.class);
        for (String name : config.requiredItems()) {
            if (name != null && !name.isBlank()) {
                items.add(ChecklistItem.ofField(name));
            }
        }
        if (config.ackTargetBusinessHours() < 1) {
            throw new IllegalArgumentException("ackTargetBusinessHours must be at least 1");
        }
        return new HandoverSettings(items, Duration.ofHours(config.ackTargetBusinessHours()));
    }
}
