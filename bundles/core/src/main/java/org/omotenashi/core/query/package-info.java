/**
 * Reading list queries, the same for REST and SOAP: filters and periods collected into one 400, and
 * the opaque cursors of keyset paging.
 */
@Export
@Version("1.1.0")
package org.omotenashi.core.query;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
