package org.omotenashi.escalation.internal;

import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.omotenashi.escalation.api.EscalationService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes the escalation endpoints while the service is there, and takes them down with the module. Rule
 * JSON is read with the module's configuration as it is now (whether webhooks may target this machine).
 */
@Component(immediate = true, configurationPid = "org.omotenashi.escalation")
public class EscalationEndpoints {
    static final String RULES_ADDRESS = RestPublisher.API_BASE + "/escalation";
    static final String RECORDS_ADDRESS = RestPublisher.API_BASE + "/escalations";
    static final String SOAP_ADDRESS = SoapPublisher.SOAP_BASE + "/escalations";

    @Reference
    private EscalationService escalations;
    @Reference
    private RestPublisher rest;
    @Reference
    private SoapPublisher soap;
    @Reference
    private ReportGate reports;

    private final ConditionEngine conditions = new ConditionEngine();
    private volatile boolean allowLocalWebhooks;
    private Publications endpoints;

    @Activate
    void activate(EscalationConfig config) {
        modified(config);
        endpoints = Publications.open(
                () -> rest.publish(RULES_ADDRESS, new EscalationRuleResource(escalations,
                        () -> new RuleJson(conditions, allowLocalWebhooks), reports)),
                () -> rest.publish(RECORDS_ADDRESS, new EscalationResource(escalations)),
                () -> soap.publish(SOAP_ADDRESS, new EscalationSoapService(escalations)));
    }

    @Modified
    void modified(EscalationConfig config) {
        allowLocalWebhooks = config.allowLocalWebhookTargets();
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
