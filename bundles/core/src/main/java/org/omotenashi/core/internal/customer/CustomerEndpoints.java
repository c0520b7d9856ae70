package org.omotenashi.core.internal.customer;

import org.omotenashi.core.customer.CustomerJourney;
import org.omotenashi.core.endpoint.Publications;
import org.omotenashi.core.rest.RestPublisher;
import org.omotenashi.core.soap.SoapPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Publishes the customer endpoints (REST and SOAP) while the journey is there. */
@Component(immediate = true)
public class CustomerEndpoints {
    static final String REST_ADDRESS = RestPublisher.API_BASE + "/customers";
    static final String SOAP_ADDRESS = SoapPublisher.SOAP_BASE + "/customers";

    @Reference
    private CustomerJourney journey;
    @Reference
    private RestPublisher rest;
    @Reference
    private SoapPublisher soap;

    private Publications endpoints;

    @Activate
    void activate() {
        endpoints = Publications.open(
                () -> rest.publish(REST_ADDRESS, new CustomerResource(journey)),
                () -> soap.publish(SOAP_ADDRESS, new CustomerSoapService(journey)));
    }

    @Deactivate
    void deactivate() {
        endpoints.close();
    }
}
