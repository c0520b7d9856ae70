package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.ServiceReference;

/**
 * The suite on PostgreSQL, switched the way README tells an operator to: the data source configuration
 * names PostgreSQL's driver, and {@code feature:install pax-jdbc-postgresql} brings the driver. Until then
 * the modules wait for their data source; after it, each migrates its tables into PostgreSQL and serves.
 * The build starts a real PostgreSQL server for this test ({@code .ci/postgres.sh}).
 */
public class PostgresIT extends OmotenashiTestSupport {
    private static final String DATASOURCE_CFG = "etc/org.ops4j.datasource-omotenashi.cfg";
    private static final Duration READY = Duration.ofSeconds(120);

    @Configuration
    @Override
    public Option[] config() {
        String port = System.getProperty("omotenashi.itest.postgres.port", "55432");
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut(DATASOURCE_CFG, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver"),
                editConfigurationFilePut(DATASOURCE_CFG, "dataSourceName", "omotenashi"),
                editConfigurationFilePut(DATASOURCE_CFG, "url", "jdbc:postgresql://127.0.0.1:" + port + "/omotenashi"),
                editConfigurationFilePut(DATASOURCE_CFG, "user", "omotenashi"),
                editConfigurationFilePut(DATASOURCE_CFG, "password", "omotenashi"),
                editConfigurationFilePut(DATASOURCE_CFG, "pool", "hikari"),
                editConfigurationFilePut(DATASOURCE_CFG, "xa", "false"));
    }

    @Before
    public void theDriverIsInstalled() throws Exception {
        if (!featuresService.isInstalled(featuresService.getFeature("pax-jdbc-postgresql"))) {
            // Without the driver there is no data source: no module can serve, and readiness says so.
            HttpResponse<String> ready = get("/api/v1/health/ready", null, null);
            assertEquals(ready.body(), 503, ready.statusCode());
            featuresService.installFeature("pax-jdbc-postgresql", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        }
        awaitHttp("/api/v1/promises?limit=1", "sales", "sales", 200, READY);
        awaitHttp("/api/v1/handovers?limit=1", "sales", "sales", 200, READY);
        awaitHttp("/api/v1/surveys", "deskadmin", "deskadmin", 200, READY);
        awaitHttp("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, READY);
        awaitHttp("/api/v1/health/ready", null, null, 200, READY);
    }

    private <T> T withDatabase(SqlWork<T> work) throws Exception {
        ServiceReference<?>[] refs = bundleContext.getServiceReferences(DataSource.class.getName(), "(dataSourceName=omotenashi)");
        assertTrue("the omotenashi data source is registered", refs != null && refs.length == 1);
        DataSource dataSource = (DataSource) bundleContext.getService(refs[0]);
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } finally {
            bundleContext.ungetService(refs[0]);
        }
    }

    private interface SqlWork<T> {
        T run(Connection c) throws Exception;
    }

    private long count(String sql) throws Exception {
        return withDatabase(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    @Test
    public void everyModuleMigratedItsTablesIntoPostgreSql() throws Exception {
        assertEquals("PostgreSQL", withDatabase(c -> c.getMetaData().getDatabaseProductName()));
        List<String> tables = withDatabase(c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet r = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (r.next()) {
                    names.add(r.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
                }
            }
            return names;
        });
        for (String table : List.of("PROMISE", "HANDOVER", "SURVEY", "SURVEY_INVITATION", "ESCALATION_RULE")) {
            assertTrue(table + " in " + tables, tables.contains(table));
        }
        JsonNode health = expect(200, get("/api/v1/health", "sales", "sales"));
        assertEquals(health.toString(), 4, health.get("modules").size());
    }

    @Test
    public void promisesKeepTheirRulesOnPostgreSql() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String body = "{\"customerId\":\"" + customer + "\",\"customerName\":\"Hotel Zon\",\"description\":\"Repair the lift\","
                + "\"promisedBy\":\"anna\",\"owner\":\"team-north\",\"channel\":\"PHONE\",\"dueAt\":\""
                + Instant.now().plus(Duration.ofDays(3)) + "\"}";
        String key = "crm-" + UUID.randomUUID();
        JsonNode made = expect(201, send("POST", "/api/v1/promises", "sales", "sales", body, "Idempotency-Key", key));
        JsonNode again = expect(201, send("POST", "/api/v1/promises", "sales", "sales", body, "Idempotency-Key", key));
        assertEquals("the same key and body make one promise", made.get("id").asText(), again.get("id").asText());
        expect(409, send("POST", "/api/v1/promises", "sales", "sales", body.replace("Repair", "Paint"), "Idempotency-Key", key));
        String id = made.get("id").asText();

        expect(412, send("POST", "/api/v1/promises/" + id + "/keep", "service", "service", "{\"evidence\":\"WO-1\"}",
                "If-Match", "\"9\""));
        expect(400, send("POST", "/api/v1/promises", "sales", "sales", "{\"customerId\":\"" + customer + "\"}"));
        JsonNode kept = expect(200, send("POST", "/api/v1/promises/" + id + "/keep", "service", "service",
                "{\"evidence\":\"WO-1\"}", "If-Match", "\"1\""));
        assertEquals("KEPT", kept.get("status").asText());
        assertEquals(1, count("SELECT COUNT(*) FROM PROMISE WHERE CUSTOMER_ID='" + customer + "'"));

        JsonNode page = expect(200, get("/api/v1/promises?customerId=" + customer + "&status=KEPT", "sales", "sales"));
        assertEquals(1, page.get("items").size());
        JsonNode stats = expect(200, get("/api/v1/promises/stats?groupBy=customer&from="
                + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now().plus(Duration.ofDays(10)), "sales", "sales"));
        assertTrue(stats.toString(), stats.toString().contains(customer));
    }

    @Test
    public void aHandoverReachesTheTrackerOnPostgreSql() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String path = HandoverIT.HANDOVERS + "/" + expect(201, send("POST", HandoverIT.HANDOVERS, "sales", "sales",
                HandoverIT.completeHandover("D-" + UUID.randomUUID(), customer))).get("id").asText();
        expect(200, send("POST", path + "/submit", "sales", "sales", null, "If-Match", "\"1\""));
        expect(200, send("POST", path + "/acknowledge", "service", "service", null));
        assertEquals("ACCEPTED", expect(200, send("POST", path + "/accept", "service", "service", null)).get("status").asText());
        JsonNode promises = expect(200, get("/api/v1/promises?customerId=" + customer, "service", "service")).get("items");
        assertEquals(promises.toString(), 2, promises.size());
    }

    @Test
    public void surveyHistoryAndScoresOnPostgreSql() throws Exception {
        String survey = expect(201, send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"After the visit\",\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanbevelen?\","
                        + "\"textEn\":\"Recommend?\"}]}")).get("id").asText();
        String at = Instant.now().minus(Duration.ofDays(1)).toString();
        StringBuilder history = new StringBuilder("{\"responses\":[");
        for (int i = 0; i < 10; i++) {
            history.append(i == 0 ? "" : ",").append("{\"customerId\":\"c-").append(i).append("\",\"language\":\"nl\",")
                    .append("\"subject\":{\"type\":\"ticket\",\"ref\":\"t-").append(i).append("\"},\"answeredAt\":\"").append(at)
                    .append("\",\"answers\":{\"recommend\":").append(i + 1).append("},\"importRef\":\"old-").append(i).append("\"}");
        }
        String body = history.append("]}").toString();
        assertEquals(10, expect(200, send("POST", "/api/v1/surveys/" + survey + "/responses/import", "deskadmin", "deskadmin",
                body)).get("imported").asInt());
        assertEquals(10, expect(200, send("POST", "/api/v1/surveys/" + survey + "/responses/import", "deskadmin", "deskadmin",
                body)).get("alreadyImported").asInt());
        // 9 and 10 promote, 7 and 8 are passive, 1 to 6 detract: (2 - 6) / 10 = -40.
        JsonNode scores = expect(200, get("/api/v1/surveys/" + survey + "/scores?groupBy=month&from="
                + Instant.now().minus(Duration.ofDays(5)) + "&to=" + Instant.now(), "sales", "sales"));
        assertEquals(scores.toString(), 10, scores.get("overall").get("answered").asInt());
        assertEquals(scores.toString(), -40.0, scores.get("overall").get("nps").asDouble(), 0.0);

        String token = expect(201, send("POST", "/api/v1/surveys/" + survey + "/invitations", "service", "service",
                "{\"customerId\":\"c-live\",\"contactEmail\":\"live-" + UUID.randomUUID() + "@example.org\",\"language\":\"nl\","
                        + "\"subject\":{\"type\":\"ticket\",\"ref\":\"t-live\"}}")).get("token").asText();
        expect(201, send("POST", "/api/v1/responses/" + token, null, null, "{\"answers\":{\"recommend\":10}}"));
        expect(409, send("POST", "/api/v1/responses/" + token, null, null, "{\"answers\":{\"recommend\":10}}"));
    }

    @Test
    public void escalationRulesOpenEscalationsOnPostgreSql() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String rule = expect(201, send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                "{\"name\":\"Work order late\",\"trigger\":\"omotenashi/fm/*\",\"condition\":\"building == 'B-7'\","
                        + "\"actions\":[{\"type\":\"RAISE\"}]}")).get("id").asText();
        try {
            JsonNode pushed = expect(200, send("POST", "/api/v1/escalation/events", "integration", "integration",
                    "{\"topic\":\"omotenashi/fm/WORK_ORDER_LATE\",\"properties\":{\"building\":\"B-7\",\"customerId\":\""
                            + customer + "\",\"fmId\":\"WO-7\"}}"));
            assertEquals(pushed.toString(), 1, pushed.get("opened").size());
            JsonNode open = expect(200, get("/api/v1/escalations?customerId=" + customer, "service", "service"));
            assertEquals(1, open.get("items").size());
            assertNotEquals(0, count("SELECT COUNT(*) FROM ESCALATION_RULE"));
        } finally {
            send("DELETE", "/api/v1/escalation/rules/" + rule, "deskadmin", "deskadmin", null);
        }
    }

    /**
     * The outbox bug the event log is built against, on the database where it bites: PostgreSQL shows committed
     * rows around an open transaction without waiting. An event written first but committed last must get the later
     * position, and a consumer that read past the first one committed must still get it.
     */
    @Test
    public void anEventCommittedLateIsNotSkippedOnPostgreSql() throws Exception {
        org.osgi.framework.ServiceReference<org.omotenashi.core.events.EventLog> ref =
                bundleContext.getServiceReference(org.omotenashi.core.events.EventLog.class);
        org.omotenashi.core.events.EventLog log = bundleContext.getService(ref);
        String run = UUID.randomUUID().toString();
        String topic = "omotenashi/itest/LATE";
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.omotenashi.core.events.EventSubscription consumer = log.subscribe("itest.late." + run, topic::equals,
                (c, e) -> {
                    if (run.equals(e.text("run"))) {
                        seen.add(e.text("order"));
                    }
                });
        try {
            withDatabase(early -> {
                early.setAutoCommit(false);
                log.append(early, topic, java.util.Map.of("run", run, "order", "written first"));
                withDatabase(late -> log.append(late, topic, java.util.Map.of("run", run, "order", "committed first")));
                awaitTrue("the event committed first is in the log", WAIT, () -> positionOf(log, run, "committed first") > 0);
                consumer.catchUp();
                assertEquals(List.of("committed first"), seen);
                early.commit();
                early.setAutoCommit(true);
                return null;
            });
            awaitTrue("the event written first is in the log", WAIT, () -> positionOf(log, run, "written first") > 0);
            consumer.catchUp();
            assertEquals(List.of("committed first", "written first"), seen);
            assertTrue(positionOf(log, run, "written first") > positionOf(log, run, "committed first"));
        } finally {
            consumer.close();
            bundleContext.ungetService(ref);
        }
    }

    private static long positionOf(org.omotenashi.core.events.EventLog log, String run, String order) {
        return log.list(new org.omotenashi.core.events.EventFilter("omotenashi/itest/LATE", null, null, 50)).stream()
                .filter(e -> run.equals(e.text("run")) && order.equals(e.text("order")))
                .mapToLong(org.omotenashi.core.events.DomainEvent::position).findFirst().orElse(0);
    }
}
