package org.omotenashi.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** How a module declares its schemas in its manifest ({@code Omotenashi-Schema}). */
public class SchemasAheadTest {
    @Test
    public void aSchemaNamesItsChangelogAndTheConfigurationThatNamesItsDataSource() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, " db/promises/changelog.xml ; pid=org.omotenashi.promises ");
        assertEquals("db/promises/changelog.xml", schema.changelog());
        assertEquals("org.omotenashi.promises", schema.pid());
        assertFalse(schema.onFirstUse());
    }

    @Test
    public void aSchemaMigratedOnFirstUseSaysSo() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, "db/core/soap-nonces.xml;pid=org.omotenashi.soap;first-use");
        assertEquals("org.omotenashi.soap", schema.pid());
        assertTrue(schema.onFirstUse());
    }

    @Test
    public void withoutAConfigurationTheSuitesDataSourceIsMeant() {
        SchemasAhead.Schema schema = SchemasAhead.Schema.parse(null, "db/outbox/changelog.xml");
        assertEquals("db/outbox/changelog.xml", schema.changelog());
        assertNull(schema.pid());
    }

    @Test
    public void anEmptyDeclarationIsNoSchema() {
        assertNull(SchemasAhead.Schema.parse(null, " ;pid=x"));
    }
}
