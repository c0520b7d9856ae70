package org.omotenashi.connector.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.omotenashi.connector.spi.Party;

/**
 * Which promise owner a facility system's operator group (or operator) becomes: configured as
 * {@code group=owner} pairs matched on the group's name or id, with a fallback for everything else.
 */
record OwnerMapping(Map<String, String> byGroup, String fallback) {
    OwnerMapping {
        byGroup = Map.copyOf(byGroup);
    }

    /**
     * Reads {@code name=owner} pairs, given as separate values or separated by {@code ;} in one (a .cfg file holds
     * one value per key); a pair without {@code =} or with an empty side is an error.
     */
    static OwnerMapping parse(String[] values, String fallback) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : java.util.Arrays.stream(values == null ? new String[0] : values)
                .flatMap(v -> java.util.Arrays.stream(v.split(";"))).filter(v -> !v.isBlank()).toList()) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("owner mapping '" + pair + "' is not group=owner");
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return new OwnerMapping(map, fallback);
    }

    /** The owner for an item's owner party: its name, then its id, then the fallback. */
    String ownerFor(Party owner) {
        if (owner != null) {
            if (owner.name() != null && byGroup.containsKey(owner.name())) {
                return byGroup.get(owner.name());
            }
            if (owner.id() != null && byGroup.containsKey(owner.id())) {
                return byGroup.get(owner.id());
            }
        }
        return fallback;
    }
}
