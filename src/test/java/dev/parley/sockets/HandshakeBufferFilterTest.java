package dev.parley.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.connector.ResponseFacade;
import org.junit.jupiter.api.Test;

class HandshakeBufferFilterTest {

    @Test
    void payarasResponseGetsTheSmallestGrizzlyBuffer() {
        ResponseFacade payara = new ResponseFacade();
        assertTrue(HandshakeBufferFilter.shrink(payara));
        assertEquals(HandshakeBufferFilter.BUFFER_BYTES, payara.bufferSize());
    }

    @Test
    void anyOtherServersResponseIsLeftAlone() {
        assertFalse(HandshakeBufferFilter.shrink(new Object()));
    }

    @Test
    void everyRequestGoesOnWhateverTheServer() throws Exception {
        List<String> passedOn = new ArrayList<>();
        for (Map<String, String> headers : List.<Map<String, String>>of(Map.of("Upgrade", "websocket"), Map.of(), Map.of("Upgrade", "h2c"))) {
            HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class},
                    (proxy, method, args) -> method.getName().equals("getHeader") ? headers.get((String) args[0]) : null);
            HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> null);
            new HandshakeBufferFilter().doFilter(request, response, (req, res) -> passedOn.add("next"));
        }
        assertEquals(List.of("next", "next", "next"), passedOn);
    }
}
