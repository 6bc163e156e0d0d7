package dev.parley.sockets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Gives a WebSocket handshake on Payara the smallest output buffer. There the upgraded connection
 * writes every frame through the handshake response's Grizzly output buffer, which allocates a fresh
 * buffer of its size (8 KiB) for each frame on threads outside Grizzly's own pool: for frames of a
 * few hundred bytes that was most of the garbage a fan-out made, and so most of its collector pauses
 * (see docs/performance.md). The servlet API can only grow a response buffer, so the Grizzly buffer
 * is reached through the container's response object; on any other server, or if that object
 * changes shape, nothing happens.
 */
public class HandshakeBufferFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeBufferFilter.class.getName());

    /** Grizzly's minimum; a smaller size is raised to it. */
    static final int BUFFER_BYTES = 512;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            ServletResponse inner = response;
            while (inner instanceof ServletResponseWrapper wrapper) {
                inner = wrapper.getResponse();
            }
            shrink(inner);
        }
        chain.doFilter(request, response);
    }

    /** The path from the facade to the Grizzly buffer, found on the first handshake. */
    private record Path(Field response, Method coyoteResponse, Method outputBuffer, Method setBufferSize) {

        static Path of(Object facade) throws ReflectiveOperationException {
            Field response = facade.getClass().getDeclaredField("response");
            response.setAccessible(true);
            Method coyoteResponse = response.getType().getMethod("getCoyoteResponse");
            Method outputBuffer = coyoteResponse.getReturnType().getMethod("getOutputBuffer");
            return new Path(response, coyoteResponse, outputBuffer, outputBuffer.getReturnType().getMethod("setBufferSize", int.class));
        }

        void shrink(Object facade) throws ReflectiveOperationException {
            Object buffer = outputBuffer.invoke(coyoteResponse.invoke(response.get(facade)));
            setBufferSize.invoke(buffer, BUFFER_BYTES);
        }
    }

    private static volatile Path path;
    private static volatile boolean unavailable;

    /**
     * Sets the Grizzly output buffer behind Payara's response facade to {@link #BUFFER_BYTES}; false
     * (and nothing changed) for any other response, or once that path is found missing.
     */
    static boolean shrink(Object response) {
        if (unavailable || !response.getClass().getName().equals(PAYARA_FACADE)) {
            return false;
        }
        try {
            Path known = path;
            if (known == null) {
                path = known = Path.of(response);
            }
            known.shrink(response);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.INFO, "Cannot shrink the WebSocket output buffer on this server; frames use its default", e);
            return false;
        }
    }

    static final String PAYARA_FACADE = "org.apache.catalina.connector.ResponseFacade";
}
