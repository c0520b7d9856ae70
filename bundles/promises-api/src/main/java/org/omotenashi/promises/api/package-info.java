/** The promise tracker: every commitment to a customer, followed until kept, broken or renegotiated. */
@Export
@Version("1.2.0")
package org.omotenashi.promises.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
