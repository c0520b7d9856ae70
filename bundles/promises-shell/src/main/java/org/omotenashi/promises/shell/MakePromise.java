package org.omotenashi.promises.shell;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.omotenashi.core.json.JsonInput;
import org.omotenashi.core.problem.ProblemException;
import org.omotenashi.promises.api.Channel;
import org.omotenashi.promises.api.Contact;
import org.omotenashi.promises.api.NewPromise;
import org.omotenashi.promises.api.Promise;
import org.omotenashi.promises.api.PromiseTracker;

/** promise:make — records a promise made at the desk, with the person it was made to. */
@Service
@Command(scope = "promise", name = "make", description = "Records a promise made to a customer")
public class MakePromise implements Action {
    @Reference
    private PromiseTracker tracker;

    @Argument(index = 0, name = "customerId", required = true, description = "The customer")
    private String customerId;

    @Argument(index = 1, name = "description", required = true, description = "What was promised")
    private String description;

    @Argument(index = 2, name = "dueAt", required = true, description = "By when, ISO-8601 with offset, e.g. 2026-12-04T17:00:00+01:00")
    private String dueAt;

    @Option(name = "--owner", description = "Who is to keep it (default: you)")
    private String owner;

    @Option(name = "--channel", description = "PHONE, EMAIL, VISIT, SALES, FM_SYSTEM or OTHER (default OTHER)")
    private String channel = "OTHER";

    @Option(name = "--contact-name", description = "The person it was promised to")
    private String contactName;

    @Option(name = "--contact-email", description = "Their e-mail address (survey invitations go there)")
    private String contactEmail;

    @Option(name = "--contact-phone", description = "Their phone number")
    private String contactPhone;

    @Option(name = "--language", description = "How to address them: nl or en")
    private String language;

    @Override
    public Object execute() {
        try {
            Promise p = tracker.make(new NewPromise(customerId, null, description, null, ShellUser.name(), owner,
                    channel(), null, null, due(), null, contact()), null, ShellUser.name()).promise();
            System.out.println("Promise " + p.id() + " made, due " + p.dueAt() + ", owned by " + p.owner() + ".");
        } catch (ProblemException e) {
            System.err.println(e.title() + ": " + e.detail());
        }
        return null;
    }

    private Channel channel() {
        try {
            return Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("channel", "must be one of PHONE, EMAIL, VISIT, SALES, FM_SYSTEM, OTHER");
        }
    }

    private java.time.Instant due() {
        try {
            return OffsetDateTime.parse(dueAt).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("dueAt", "must be an ISO-8601 timestamp with offset, e.g. 2026-05-01T17:00:00+02:00");
        }
    }

    private Contact contact() {
        if (contactEmail != null && !JsonInput.isEmail(contactEmail)) {
            throw ProblemException.invalid("contact-email", "must be an e-mail address");
        }
        String lang = language == null ? null : language.strip().toLowerCase(Locale.ROOT);
        if (lang != null && !lang.equals(Contact.DUTCH) && !lang.equals(Contact.ENGLISH)) {
            throw ProblemException.invalid("language", "must be nl or en");
        }
        if (contactName == null && contactEmail == null && contactPhone == null) {
            return null;
        }
        return new Contact(contactName, contactEmail, contactPhone, lang);
    }
}
