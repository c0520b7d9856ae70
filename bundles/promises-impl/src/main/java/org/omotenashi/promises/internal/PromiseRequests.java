package org.omotenashi.promises.internal;

import java.time.Instant;
import java.util.Set;

import org.omotenashi.core.json.JsonInput;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Origin;

/** Reads promise requests from JSON, shared by REST and SOAP so both refuse the same things the same way. */
final class PromiseRequests {
    static final int ID = 100;
    static final int NAME = 200;
    static final int TEXT = 2000;
    static final Set<String> LANGUAGES = Set.of(Contact.DUTCH, Contact.ENGLISH);

    private PromiseRequests() {
    }

    /** Reads a new promise, every field checked; {@code input.validate()} is the caller's to call. */
    static NewPromise newPromise(JsonInput in) {
        String customerId = in.requiredText("customerId", ID);
        String customerName = in.optionalText("customerName", NAME);
        String description = in.requiredText("description", TEXT);
        String expectation = in.optionalText("expectation", TEXT);
        String promisedBy = in.requiredText("promisedBy", ID);
        String owner = in.optionalText("owner", ID);
        Channel channel = in.requiredEnum("channel", Channel.class);
        JsonInput originInput = in.object("origin");
        String originType = originInput.optionalText("type", 50);
        String originRef = originInput.optionalText("ref", NAME);
        if ((originType == null) != (originRef == null)) {
            in.error("origin", "needs both type and ref");
        }
        Instant madeAt = in.optionalInstant("madeAt");
        Instant dueAt = in.requiredInstant("dueAt");
        if (dueAt != null && madeAt != null && !dueAt.isAfter(madeAt)) {
            in.error("dueAt", "must be after madeAt");
        }
        String externalRef = in.optionalText("externalRef", NAME);
        return new NewPromise(customerId, customerName, description, expectation, promisedBy, owner, channel,
                originType == null ? null : new Origin(originType, originRef), madeAt, dueAt, externalRef,
                contact(in, in.object("contact")));
    }

    /** The person the promise was made to: a name, e-mail or phone, and optionally the language (nl, en). */
    static Contact contact(JsonInput parent, JsonInput in) {
        String name = in.optionalText("name", NAME);
        String email = in.optionalEmail("email");
        String phone = in.optionalPhone("phone");
        String language = in.optionalChoice("language", LANGUAGES);
        if (name == null && email == null && phone == null) {
            if (language != null) {
                parent.error("contact", "needs a name, an e-mail address or a phone number");
            }
            return null;
        }
        return new Contact(name, email, phone, language);
    }
}
