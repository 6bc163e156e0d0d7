package dev.parley.integration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.integration.broker.Broker;
import dev.parley.integration.entity.OutboxEvent;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publishing outbox batches to a real in-VM Artemis: republished events are dropped, not refused forever. */
class EventPublisherTest {

    private EmbeddedActiveMQ server;
    private ActiveMQConnectionFactory factory;
    private Connection subscriber;
    private MessageConsumer events;
    private EventPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://7");
        server = new EmbeddedActiveMQ().setConfiguration(config).start();
        factory = new ActiveMQConnectionFactory("vm://7");
        subscriber = factory.createConnection();
        Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
        events = session.createConsumer(session.createTopic(Destinations.EVENTS));
        subscriber.start();
        publisher = new EventPublisher();
        publisher.broker = new Broker() {
            @Override
            public synchronized ConnectionFactory connectionFactory() {
                return factory;
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        subscriber.close();
        factory.close();
        server.stop();
    }

    @Test
    void aBatchArrivesInOrderWithItsProperties() throws Exception {
        publisher.publish(List.of(event("a"), event("b"), event("c")));
        assertEquals(List.of("a", "b", "c"), received(3));
        assertNull(events.receive(200), "nothing else");
    }

    @Test
    void eventsPublishedBeforeAreDroppedAndTheRestOfTheBatchGoesOut() throws Exception {
        OutboxEvent a = event("a");
        OutboxEvent b = event("b");
        publisher.publish(List.of(a, b));
        assertEquals(List.of("a", "b"), received(2));

        // A relay that stopped before marking a and b sent publishes them again, with c.
        publisher.publish(List.of(a, b, event("c")));
        assertEquals(List.of("c"), received(1));
        publisher.publish(List.of(a, b));
        assertNull(events.receive(200), "no copies");
    }

    @Test
    void aBrokerThatIsGoneMakesTheBatchFailAsAWhole() throws Exception {
        server.stop();
        assertThrows(EventPublisher.BrokerUnavailable.class, () -> publisher.publish(List.of(event("x"))));
    }

    private List<String> received(int count) throws JMSException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jakarta.jms.Message message = events.receive(5000);
            if (message == null) {
                throw new AssertionError("only " + ids + " arrived");
            }
            assertEquals("test.event", message.getStringProperty("eventType"));
            ids.add(message.getStringProperty("eventId"));
        }
        return ids;
    }

    private static OutboxEvent event(String id) {
        return new OutboxEvent(id, "test.event", "{\"id\":\"" + id + "\"}", Instant.now());
    }
}
