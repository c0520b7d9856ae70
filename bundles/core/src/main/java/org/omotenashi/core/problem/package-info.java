/** The error model: a failure the caller caused, described once and rendered as problem+json or a SOAP fault. */
@Export
@Version("1.2.0")
package org.omotenashi.core.problem;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
