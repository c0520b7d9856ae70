package org.omotenashi.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;

/**
 * IT deploys only the modules it needs: on a Karaf with just omotenashi-core, the survey and the
 * escalation modules each install and work on their own, without the promise tracker beside them.
 */
public class ModulesAloneIT extends OmotenashiTestSupport {
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBoot",
                        "instance,package,scr,log,ssh,framework,system,eventadmin,feature,shell,management,service,"
                                + "jaas,omotenashi-core,deployer,diagnostic,wrap,bundle,config,kar"));
    }

    private void installAlone(String feature) throws Exception {
        awaitHttp("/api/v1/health", "sales", "sales", 200, Duration.ofSeconds(90));
        featuresService.installFeature(feature, NO_REFRESH);
        for (Bundle bundle : bundleContext.getBundles()) {
            assertFalse("the promise tracker must not come along with " + feature,
                    "org.omotenashi.omotenashi-promises-impl".equals(bundle.getSymbolicName()));
        }
    }

    @Test
    public void theSurveyModuleWorksWithOnlyTheCore() throws Exception {
        installAlone("omotenashi-survey");
        awaitHttp("/api/v1/surveys", "deskadmin", "deskadmin", 200, Duration.ofSeconds(60));
        HttpResponse<String> survey = send("POST", "/api/v1/surveys", "deskadmin", "deskadmin",
                "{\"name\":\"Alone\",\"questions\":[{\"key\":\"recommend\",\"type\":\"NPS\",\"textNl\":\"Aanbevelen?\","
                        + "\"textEn\":\"Recommend?\"}],\"triggers\":[\"omotenashi/promise/KEPT\"]}");
        assertEquals(survey.body(), 201, survey.statusCode());
        String id = JSON.readTree(survey.body()).get("id").asText();
        HttpResponse<String> invitation = send("POST", "/api/v1/surveys/" + id + "/invitations", "service", "service",
                "{\"customerId\":\"c-alone\",\"contactEmail\":\"alone@example.org\",\"language\":\"nl\","
                        + "\"subject\":{\"type\":\"ticket\",\"ref\":\"FM-1\"}}");
        assertEquals(invitation.body(), 201, invitation.statusCode());
        String token = JSON.readTree(invitation.body()).get("token").asText();
        assertEquals(201, send("POST", "/api/v1/responses/" + token, null, null,
                "{\"answers\":{\"recommend\":3}}").statusCode());
        JsonNode health = JSON.readTree(get("/api/v1/health", "sales", "sales").body());
        assertTrue(health.toString(), health.toString().contains("\"survey\"") && !health.toString().contains("\"promises\""));
        assertEquals(404, get("/api/v1/promises", "sales", "sales").statusCode());
    }

    @Test
    public void theEscalationModuleWorksWithOnlyTheCore() throws Exception {
        installAlone("omotenashi-escalation");
        awaitHttp("/api/v1/escalation/rules", "deskadmin", "deskadmin", 200, Duration.ofSeconds(60));
        HttpResponse<String> rule = send("POST", "/api/v1/escalation/rules", "deskadmin", "deskadmin",
                "{\"name\":\"Work order late\",\"trigger\":\"omotenashi/fm/*\",\"condition\":\"building == 'B-7'\","
                        + "\"actions\":[{\"type\":\"RAISE\"}]}");
        assertEquals(rule.body(), 201, rule.statusCode());
        HttpResponse<String> pushed = send("POST", "/api/v1/escalation/events", "integration", "integration",
                "{\"topic\":\"omotenashi/fm/WORK_ORDER_LATE\",\"properties\":{\"building\":\"B-7\",\"customerId\":\"c-alone\","
                        + "\"fmId\":\"WO-7\"}}");
        assertEquals(pushed.body(), 200, pushed.statusCode());
        assertEquals(1, JSON.readTree(pushed.body()).get("opened").size());
        HttpResponse<String> escalations = get("/api/v1/escalations?status=OPEN", "service", "service");
        assertEquals(200, escalations.statusCode());
        assertTrue(escalations.body(), escalations.body().contains("Work order late"));
    }
}
