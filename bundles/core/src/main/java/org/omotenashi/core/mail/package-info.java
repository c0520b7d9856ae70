/** Sending plain-text mail through an SMTP server, the same way for every module that mails people. */
@Export
@Version("1.0.0")
package org.omotenashi.core.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
