/** Endpoints that are live until closed, whichever protocol published them. */
@Export
@Version("1.0.0")
package org.omotenashi.core.endpoint;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
