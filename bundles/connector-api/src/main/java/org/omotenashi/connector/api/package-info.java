/**
 * The connector engine as the rest of the suite sees it: one {@link org.omotenashi.connector.api.Connector}
 * service per configured facility-system instance, with its state, an on-demand sync and the webhook entry.
 */
@Export
@Version("1.1.0")
package org.omotenashi.connector.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
