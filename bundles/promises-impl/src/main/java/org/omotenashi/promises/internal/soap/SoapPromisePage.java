package org.omotenashi.promises.internal.soap;

import java.util.ArrayList;
import java.util.List;

/** One page of promises and the cursor of the next page, absent on the last. */
public class SoapPromisePage {
    public List<SoapPromise> promise = new ArrayList<>();
    public String next;
}
