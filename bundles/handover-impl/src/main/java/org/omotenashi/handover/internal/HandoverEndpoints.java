package org.omotenashi.handover.internal;

import java.time.Clock;

import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.omotenashi.handover.api.HandoverService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the handover endpoints while the service is there, and takes them down with the module. */
@Component(immediate = true)
public class HandoverEndpoints {
    static final String REST_ADDRESS = RestPublisher.API_BASE + "/handovers";
    static final String SOAP_ADDRESS = SoapPublisher.SOAP_BASE + "/handovers";

    @Reference
    private HandoverService handovers;
    @Reference
    private RestPublisher rest;
    @Reference
    private SoapPublisher soap;
    @Reference
    private Clock clock;
    @Reference
    private ReportGate reports;

    private Publications endpoints;

    @Activate
    void activate() {
        endpoints = Publications.open(
                () -> rest.publish(REST_ADDRESS, new HandoverResource(handovers, clock, reports)),
                () -> soap.publish(SOAP_ADDRESS, new HandoverSoapService(handovers, clock, reports)));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
