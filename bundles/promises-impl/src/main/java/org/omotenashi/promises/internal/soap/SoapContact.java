package org.omotenashi.promises.internal.soap;

/** The person a promise was made to: name, e-mail, phone, language (nl or en). */
public class SoapContact {
    public String name;
    public String email;
    public String phone;
    public String language;
}
