/**
 * Expensive requests bounded in concurrency: a few of each kind at once, beyond that a 503 the caller retries,
 * so that many callers asking for reports at once slow nobody down to the point of running out of memory.
 */
@Export
@Version("1.1.0")
package org.omotenashi.core.load;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
