/** Escalation rules and the escalations they open: triggers, conditions, levels and reliable delivery of actions. */
@Export
@Version("1.1.0")
package org.omotenashi.escalation.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
