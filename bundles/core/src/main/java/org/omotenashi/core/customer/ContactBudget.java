package org.omotenashi.core.customer;

import java.util.List;

/** Whether a customer may be sent an automatic survey invitation now, and what holds them back if not. */
public record ContactBudget(boolean mayInvite, List<ContactHold> holds) {
    public ContactBudget {
        holds = List.copyOf(holds);
    }

    /** Why the customer is not to be invited, in one sentence; null when they may be. */
    public String reason() {
        if (holds.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("contact budget: ");
        for (int i = 0; i < holds.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(holds.get(i).reason());
        }
        return text.toString();
    }
}
