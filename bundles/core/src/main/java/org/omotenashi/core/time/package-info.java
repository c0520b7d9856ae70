/** The suite's clock, which tests and admins can move. */
@Export
@Version("1.0.0")
package org.omotenashi.core.time;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
