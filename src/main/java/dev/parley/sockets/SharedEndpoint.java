package dev.parley.sockets;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives every socket of an endpoint the same endpoint instance, made once by CDI. Parley's endpoints
 * hold no state of their own (each callback goes to application-scoped beans with the session), so
 * one instance serves all. By default the container makes and injects a new instance per socket,
 * and on Payara each one keeps its own injection target and creational context for the life of the
 * socket (see docs/performance.md).
 */
public class SharedEndpoint extends ServerEndpointConfig.Configurator {

    private final ConcurrentHashMap<Class<?>, Object> instances = new ConcurrentHashMap<>();

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(instances.computeIfAbsent(endpointClass, type -> CDI.current().select(type).get()));
    }
}
