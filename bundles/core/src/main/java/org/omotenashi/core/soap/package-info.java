/** Publishing JAX-WS services under /soap with WS-Security UsernameToken and SOAP faults. */
@Export
@Version("2.0.0")
package org.omotenashi.core.soap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
