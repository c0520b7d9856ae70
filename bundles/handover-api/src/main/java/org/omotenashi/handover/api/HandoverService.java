package org.omotenashi.handover.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.omotenashi.core.model.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands customers from sales to service. Refusals are {@code ProblemException}s (400 bad input,
 * 404 unknown id, 409 illegal transition or incomplete handover, 412 stale version) and change nothing.
 * Every {@code expectedVersion} is the version the caller last saw, or null to skip the check.
 */
@ProviderType
public interface HandoverService {
    Handover create(HandoverDraft draft, String by);

    Optional<Handover> find(String id);

    Page<Handover> list(HandoverQuery query);

    /** Replaces the content of a DRAFT or RETURNED handover. */
    Handover update(String id, HandoverDraft draft, Long expectedVersion, String by);

    /** Hands a complete DRAFT or RETURNED handover to service; an incomplete one is refused with what is missing. */
    Handover submit(String id, String comment, Long expectedVersion, String by);

    default Handover acknowledge(String id, Long expectedVersion, String by) {
        return acknowledge(id, null, expectedVersion, by);
    }

    /** Service has seen a SUBMITTED handover; the comment (optional) says anything worth keeping about it. */
    Handover acknowledge(String id, String comment, Long expectedVersion, String by);

    /** Sends a SUBMITTED handover back to sales with questions. */
    Handover returnToSales(String id, List<String> questions, Long expectedVersion, String by);

    /**
     * Service takes over an ACKNOWLEDGED handover; its promises go to the promise tracker with the
     * service team as owner. Accepting an accepted handover again answers it unchanged, so a retry is safe.
     */
    default Handover accept(String id, Long expectedVersion, String by) {
        return accept(id, null, expectedVersion, by);
    }

    /** As {@link #accept(String, Long, String)}, with a comment (optional) on why or on what service takes over. */
    Handover accept(String id, String comment, Long expectedVersion, String by);

    /** What the completeness checklist still misses for this handover, as field names; empty when complete. */
    List<String> missing(String id);

    /** Submitted handovers not yet acknowledged, oldest submission first. */
    List<PendingHandover> pending(int limit);

    HandoverStats stats(Instant from, Instant to);
}
