package org.omotenashi.core.endpoint;

/** An endpoint that is live until closed; modules close theirs when they deactivate. */
public interface Publication extends AutoCloseable {
    @Override
    void close();
}
