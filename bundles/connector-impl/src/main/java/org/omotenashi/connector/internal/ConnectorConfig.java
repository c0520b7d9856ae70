package org.omotenashi.connector.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One connector instance: factory configuration {@code org.omotenashi.connector}, e.g.
 * {@code etc/org.omotenashi.connector-topdesk.cfg}. Keys starting with a dot are secrets: DS never copies them
 * onto the service registration, and nothing logs them. Adapter settings are keys {@code option.<name>}, which
 * differ per adapter and so are read from the raw properties (see the adapter's README).
 */
@ObjectClassDefinition(name = "Omotenashi connector",
        description = "A connection to one facility system that turns its work orders into promises.")
@interface ConnectorConfig {
    @AttributeDefinition(description = "The instance's name: letters, digits, - and _, at most 50. It names the "
            + "webhook address (/api/v1/connectors/<name>/events) and is the origin type of the promises it makes. "
            + "Empty: the part of the configuration's name after ~ or -, e.g. topdesk for org.omotenashi.connector-topdesk.cfg.")
    String name() default "";

    @AttributeDefinition(description = "The kind of system: topdesk or maximo (the adapter's feature must be installed).")
    String type();

    @AttributeDefinition(description = "The system's address, e.g. https://example.topdesk.net or https://maximo.example.org.")
    String baseUrl();

    @AttributeDefinition(description = "The account the connector logs in with (TOPdesk: an operator's login name).")
    String username() default "";

    @AttributeDefinition(name = ".password", type = AttributeType.PASSWORD,
            description = "That account's password (TOPdesk: an application password). Never shown or logged.")
    String _password() default "";

    @AttributeDefinition(name = ".apiKey", type = AttributeType.PASSWORD,
            description = "An API key (Maximo: sent as the apikey header). Never shown or logged.")
    String _apiKey() default "";

    @AttributeDefinition(name = ".webhookSecret", type = AttributeType.PASSWORD,
            description = "The Standard Webhooks secret (whsec_ and base64) the system signs its webhooks with. "
                    + "Empty: the webhook address refuses everything, the poll still runs.")
    String _webhookSecret() default "";

    @AttributeDefinition(description = "Seconds between reconciliation polls, by the suite's clock.", min = "1")
    int pollIntervalSeconds() default 60;

    @AttributeDefinition(description = "Items asked for per page.", min = "1", max = "1000")
    int pageSize() default 100;

    @AttributeDefinition(description = "Seconds one call to the system may take, connecting included.", min = "1")
    int timeoutSeconds() default 10;

    @AttributeDefinition(description = "group=owner pairs: the promise owner for items of an operator group (by its "
            + "name or id), e.g. 'Facilitair beheer=team-north'.")
    String[] ownerMapping() default {};

    @AttributeDefinition(description = "The owner of promises whose item's group has no mapping.")
    String defaultOwner() default "facility-desk";

    @AttributeDefinition(description = "Write a note onto the item when its promise is kept, broken or renegotiated.")
    boolean writeBack() default true;

    @AttributeDefinition(description = "Wait after the first failed poll or write-back; it doubles with each further "
            + "failure, up to the poll interval (polls) or retryCap (write-backs).")
    String retryBase() default "PT5S";

    @AttributeDefinition(description = "Longest wait between two write-back attempts.")
    String retryCap() default "PT30M";

    @AttributeDefinition(description = "A write-back still failing this long after it was due is given up (FAILED, visible in the log).")
    String giveUpAfter() default "P3D";

    @AttributeDefinition(description = "Run this instance; false keeps it listed as STOPPED.")
    boolean enabled() default true;

    @AttributeDefinition(description = "LDAP filter selecting the DataSource service the connector keeps its records in.")
    String dataSource_target() default "(dataSourceName=omotenashi)";
}
