package org.omotenashi.survey.internal;

import java.time.Clock;

import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.load.ReportGate;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.omotenashi.survey.api.SurveyService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the survey API, the machine-channel answers, the guest page and SOAP, and takes them down with the module. */
@Component(immediate = true)
public class SurveyEndpoints {
    static final String REST_ADDRESS = RestPublisher.API_BASE + "/surveys";
    static final String RESPONSES_ADDRESS = RestPublisher.API_BASE + "/responses";
    static final String PAGE_ADDRESS = "/survey";
    static final String SOAP_ADDRESS = SoapPublisher.SOAP_BASE + "/surveys";

    @Reference
    private SurveyService surveys;
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
                () -> rest.publish(REST_ADDRESS, new SurveyResource(surveys, clock, reports)),
                () -> rest.publish(RESPONSES_ADDRESS, new ResponseResource(surveys)),
                () -> rest.publish(PAGE_ADDRESS, new GuestPage(surveys)),
                () -> soap.publish(SOAP_ADDRESS, new SurveySoapService(surveys, clock, reports)));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
