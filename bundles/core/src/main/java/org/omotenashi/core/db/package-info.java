/** Schema migrations, transactions and statements over the shared DataSource. */
@Export
@Version("1.2.0")
package org.omotenashi.core.db;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
