/**
 * A durable outbox any module can use: a delivery is enqueued in the transaction of the change that caused
 * it, so it is sent if and only if that change commits; the module's own channels send it, retried with
 * back-off until it is delivered or given up, and every attempt is logged.
 */
@Export
@Version("1.1.0")
package org.omotenashi.core.outbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
