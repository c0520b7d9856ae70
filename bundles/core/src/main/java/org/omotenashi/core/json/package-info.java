/** Reading request bodies field by field, collecting every invalid field before answering. */
@Export
@Version("1.2.0")
package org.omotenashi.core.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
