package org.omotenashi.handover.api;

import java.util.Locale;

/** Something the completeness checklist can require before a handover may be submitted. */
public enum ChecklistItem {
    CONTACTS("contacts"),
    EXPECTATIONS("expectations"),
    CONTRACT_START("contractStart"),
    SERVICE_TEAM("serviceTeam"),
    PROMISES("promises"),
    NOTES("notes");

    private final String field;

    ChecklistItem(String field) {
        this.field = field;
    }

    /** The name of the handover field this item checks, as used in configuration and in refusals. */
    public String field() {
        return field;
    }

    /** The item for a field name as configured, e.g. {@code contractStart}; case does not matter. */
    public static ChecklistItem ofField(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ChecklistItem item : values()) {
            if (item.field.toLowerCase(Locale.ROOT).equals(wanted)) {
                return item;
            }
        }
        throw new IllegalArgumentException("unknown checklist item " + name);
    }
}
