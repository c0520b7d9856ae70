/**
 * The suite's durable event log: modules append their events in the transaction of the change they
 * report, and other modules react to them from the log with a position of their own, so a reaction is
 * never lost to a module being stopped, updated or a process dying between the change and the reaction.
 */
@Export
@Version("1.0.0")
package org.omotenashi.core.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
