/** Standard Webhooks: signing what the suite sends, and checking what facility systems send in. */
@Export
@Version("1.0.0")
package org.omotenashi.core.webhook;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
