package org.omotenashi.promises.internal;

import java.time.Clock;

import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.omotenashi.promises.api.PromiseTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the promise endpoints while the tracker is there, and takes them down with the module. */
@Component(immediate = true)
public class PromiseEndpoints {
    static final String REST_ADDRESS = RestPublisher.API_BASE + "/promises";
    static final String SOAP_ADDRESS = SoapPublisher.SOAP_BASE + "/promises";

    @Reference
    private PromiseTracker tracker;
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
                () -> rest.publish(REST_ADDRESS, new PromiseResource(tracker, clock, reports)),
                () -> soap.publish(SOAP_ADDRESS, new PromiseSoapService(tracker)));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
