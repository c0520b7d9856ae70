/** Business calendar API: working hours, holidays and business-time arithmetic for service-level deadlines. */
@Export
@Version("1.0.0")
package org.omotenashi.core.calendar;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
