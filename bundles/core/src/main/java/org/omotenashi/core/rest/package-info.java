/** Publishing JAX-RS resources under /api/v1 with the suite's security, JSON and error handling. */
@Export
@Version("2.0.0")
package org.omotenashi.core.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
