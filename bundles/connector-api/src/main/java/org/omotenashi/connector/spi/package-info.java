/**
 * What an adapter for one kind of facility system (TOPdesk, Maximo…) implements: list the work items changed
 * since a cursor, read one item, and write a status note back. The connector engine does everything else.
 */
@Export
@Version("1.0.0")
package org.omotenashi.connector.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
