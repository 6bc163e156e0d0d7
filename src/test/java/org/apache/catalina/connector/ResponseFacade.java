package org.apache.catalina.connector;

/**
 * A test stand-in for Payara's response facade: only the path that {@code HandshakeBufferFilter}
 * follows to Grizzly's output buffer (a protected {@code response}, {@code getCoyoteResponse()},
 * {@code getOutputBuffer()}, {@code setBufferSize(int)}).
 */
public class ResponseFacade {

    protected final Catalina response = new Catalina();

    public int bufferSize() {
        return response.coyote.buffer.size;
    }

    public static class Catalina {
        final Grizzly coyote = new Grizzly();

        public Grizzly getCoyoteResponse() {
            return coyote;
        }
    }

    public static class Grizzly {
        final Buffer buffer = new Buffer();

        public Buffer getOutputBuffer() {
            return buffer;
        }
    }

    public static class Buffer {
        int size = 8192;

        public void setBufferSize(int size) {
            this.size = size;
        }
    }
}
