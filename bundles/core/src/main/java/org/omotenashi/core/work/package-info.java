/** Background work of a module: runs on a schedule and on demand, on one thread of the module's own. */
@Export
@Version("1.0.0")
package org.omotenashi.core.work;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
