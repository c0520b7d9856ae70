/** Callers and roles, authenticated against the Karaf JAAS realm. */
@Export
@Version("1.1.0")
package org.omotenashi.core.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
