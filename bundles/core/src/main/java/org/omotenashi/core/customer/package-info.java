/**
 * One customer's journey across the modules: the timeline of promises, handovers, surveys and escalations, a
 * summary, and the contact budget that keeps automatic surveys away from a customer who is unhappy right now.
 * Each module contributes through a {@link org.omotenashi.core.customer.JourneySource} of its own, so removing a
 * module removes only its entries.
 */
@Export
@Version("1.0.0")
package org.omotenashi.core.customer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
