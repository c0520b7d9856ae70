package org.omotenashi.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import org.apache.cxf.io.CacheAndWriteOutputStream;
import org.apache.cxf.io.CachedOutputStream;
import org.apache.cxf.io.CachedOutputStreamCallback;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A CXF client's outgoing message as it went over the wire, WS-Security header and all: what someone reading the
 * connection would have, to send it again.
 */
final class SentMessageCapture extends AbstractPhaseInterceptor<Message> {
    private final Consumer<byte[]> sink;

    SentMessageCapture(Consumer<byte[]> sink) {
        super(Phase.PRE_STREAM);
        this.sink = sink;
    }

    @Override
    public void handleMessage(Message message) {
        OutputStream wire = message.getContent(OutputStream.class);
        if (wire == null) {
            return;
        }
        CacheAndWriteOutputStream copy = new CacheAndWriteOutputStream(wire);
        message.setContent(OutputStream.class, copy);
        copy.registerCallback(new CachedOutputStreamCallback() {
            @Override
            public void onFlush(CachedOutputStream cos) {
            }

            @Override
            public void onClose(CachedOutputStream cos) {
                try {
                    sink.accept(cos.getBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
