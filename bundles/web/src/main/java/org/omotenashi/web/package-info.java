/** The suite's front door: the answers given where no endpoint can, and the handler contract behind it. */
@Export
@Version("1.0.0")
package org.omotenashi.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
