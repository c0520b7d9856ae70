package org.omotenashi.connector.api;

/** How a connector instance is doing. */
public enum ConnectorState {
    /** Its last poll and its write-backs worked. */
    OK,
    /** The system or the suite answered errors; the connector keeps retrying and loses nothing. */
    DEGRADED,
    /** It cannot run: its adapter is not installed, or it is switched off. */
    STOPPED
}
