package org.omotenashi.promises.api;

/** The promise a make request produced, and whether an earlier identical request already had. */
public record MadePromise(Promise promise, boolean replayed) {
}
