/** Satisfaction surveys: versioned definitions, one-time invitations, guest answers and their scores. */
@Export
@Version("1.4.0")
package org.omotenashi.survey.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
