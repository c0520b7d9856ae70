package org.omotenashi.escalation.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.omotenashi.core.model.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Manages escalation rules and the escalations they open. Refusals are {@code ProblemException}s
 * (400 invalid rule naming each field, 404 unknown id, 409 illegal transition or a rule owned by a
 * file, 412 stale version) and change nothing.
 */
@ProviderType
public interface EscalationService {
    List<EscalationRule> rules();

    Optional<EscalationRule> rule(String id);

    /** Stores a new rule (its id, source and version are assigned) after validating it, condition included. */
    EscalationRule createRule(EscalationRule rule);

    /** @param expectedVersion the version the caller last saw, or null to skip the check */
    EscalationRule updateRule(String id, EscalationRule rule, Long expectedVersion);

    void deleteRule(String id);

    /** Which current subjects the rule (saved or not) would fire for now, and what it would send; sends nothing. */
    DryRun dryRun(EscalationRule rule);

    /** Evaluates the rules an event triggers; the module's own event handler calls it. */
    List<Escalation> onEvent(String topic, Map<String, Object> properties);

    Page<Escalation> list(EscalationQuery query);

    Optional<Escalation> find(String id);

    Escalation acknowledge(String id, String by, String note);

    Escalation resolve(String id, String by, String note);

    /** The outbox, newest first, with each delivery's attempts. */
    List<Delivery> deliveries(DeliveryStatus status, int limit);
}
