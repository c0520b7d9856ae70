/**
 * Value types the module APIs share: a page of a list, a span of time. Free of JAX-RS and CXF, so an
 * API bundle that uses them is bound to nothing but this package.
 */
@Export
@Version("1.0.0")
package org.omotenashi.core.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
