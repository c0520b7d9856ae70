/** The handover from sales to service: what was sold, promised and expected, until service accepts it. */
@Export
@Version("1.1.0")
package org.omotenashi.handover.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
