package org.omotenashi.escalation.internal;

import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.omotenashi.escalation.api.EscalationService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the escalation endpoints while the service is there, and takes them down with the module. */
@Component(immediate = true)
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
    private DeliveryWorker deliveries;

    private Publications endpoints;

    @Activate
    void activate() {
        // Rules are read with the service's current settings (whether local webhook targets are allowed).
        EscalationServiceComponent component = escalations instanceof EscalationServiceComponent c ? c : null;
        endpoints = Publications.open(
                () -> rest.publish(RULES_ADDRESS, new EscalationRuleResource(escalations,
                        () -> component != null ? component.ruleReader() : new RuleJson(new ConditionEngine(), false), component,
                        deliveries)),
                () -> rest.publish(RECORDS_ADDRESS, new EscalationResource(escalations)),
                () -> soap.publish(SOAP_ADDRESS, new EscalationSoapService(escalations)));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
