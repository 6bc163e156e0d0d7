package dev.parley.integration.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.integration.broker.Broker;
import dev.parley.testing.Poll;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbound consumer loop against a real in-VM Artemis, with the processing stubbed: what is
 * consumed, what is redelivered, and what moves to the dead-letter queue with which properties.
 */
class InboundListenersTest {

    private EmbeddedActiveMQ server;
    private ActiveMQConnectionFactory factory;
    private Connection client;
    private Session session;
    private InboundListeners listeners;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private volatile Function<Integer, InboundProcessor.Outcome> behaviour;
    private volatile boolean databaseAnswers = true;

    @BeforeEach
    void start() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://8");
        // Parley's own settings for the inbound queues, without the redelivery delay (fast test).
        for (String queue : new String[] {Destinations.NOTIFICATIONS, Destinations.MESSAGES}) {
            config.addAddressSetting(queue, Broker.inboundQueueSettings().setRedeliveryDelay(0));
        }
        server = new EmbeddedActiveMQ().setConfiguration(config).start();
        factory = new ActiveMQConnectionFactory("vm://8");
        client = factory.createConnection();
        session = client.createSession(false, Session.AUTO_ACKNOWLEDGE);
        client.start();

        listeners = new InboundListeners();
        listeners.failurePauseMillis = 10;
        listeners.broker = new Broker() {
            @Override
            public synchronized ConnectionFactory connectionFactory() {
                return factory;
            }
        };
        listeners.processor = new InboundProcessor() {
            @Override
            public Outcome process(String queue, String key, String body) {
                bodies.add(body);
                keys.add(key);
                return behaviour.apply(bodies.size());
            }

            @Override
            public boolean databaseAnswers() {
                return databaseAnswers;
            }
        };
        listeners.metrics = new IntegrationMetrics() {
            @Override
            void processed(String queue, int count) {
            }

            @Override
            void redelivered(String queue, int count) {
            }

            @Override
            void deadLettered(String queue, int count) {
            }
        };
        listeners.threads = new ManagedThreadFactory() {
            @Override
            public Thread newThread(Runnable runnable) {
                return new Thread(runnable);
            }

            @Override
            public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
                throw new UnsupportedOperationException();
            }
        };
        listeners.start(null);
    }

    @AfterEach
    void stop() throws Exception {
        listeners.stop(null);
        client.close();
        factory.close();
        server.stop();
    }

    @Test
    void aProcessedMessageIsConsumedOnce() throws Exception {
        behaviour = call -> new InboundProcessor.Processed(false);
        send(Destinations.NOTIFICATIONS, "{\"n\":1}", "key-1");
        assertEventually(() -> bodies.size() == 1);
        assertEquals(List.of("key-1"), keys, "the producer's idempotencyKey is the key");
        assertNull(receive(Destinations.NOTIFICATIONS, 300), "consumed");
        assertNull(receive(Destinations.DEAD_LETTERS, 100));
    }

    @Test
    void aTransientFailureIsRedeliveredNotDeadLettered() throws Exception {
        behaviour = call -> {
            if (call <= 2) {
                throw new IllegalStateException("database down");
            }
            return new InboundProcessor.Processed(false);
        };
        send(Destinations.MESSAGES, "{\"n\":2}", null);
        assertEventually(() -> bodies.size() == 3);
        assertEquals(List.of("{\"n\":2}", "{\"n\":2}", "{\"n\":2}"), bodies, "the same message, redelivered");
        assertEquals(1, keys.stream().distinct().count(), "with the same key (its JMS message id)");
        assertNull(receive(Destinations.DEAD_LETTERS, 300), "never dead-lettered");
        assertNull(receive(Destinations.MESSAGES, 100), "consumed in the end");
    }

    @Test
    void aRejectedMessageMovesToTheDeadLetterQueueWithItsReasonAndProperties() throws Exception {
        behaviour = call -> new InboundProcessor.Rejected("bad_request", "unknown users: bob");
        send(Destinations.NOTIFICATIONS, "{\"to\":{\"users\":[\"bob\"]}}", "erp-7");
        TextMessage dead = (TextMessage) receive(Destinations.DEAD_LETTERS, 5000);
        assertNotNull(dead, "dead-lettered");
        assertEquals("{\"to\":{\"users\":[\"bob\"]}}", dead.getText());
        assertEquals("unknown users: bob", dead.getStringProperty("reason"));
        assertEquals("bad_request", dead.getStringProperty("errorCode"));
        assertEquals(Destinations.NOTIFICATIONS, dead.getStringProperty("originalQueue"));
        assertEquals("erp-7", dead.getStringProperty("idempotencyKey"), "the producer's properties are kept");
        assertNotNull(dead.getStringProperty("originalMessageId"));
        assertNull(receive(Destinations.NOTIFICATIONS, 100), "moved, not copied");
    }

    @Test
    void aMessageThatKeepsFailingWhileTheDatabaseAnswersIsDeadLetteredAsInternal() throws Exception {
        behaviour = call -> {
            throw new IllegalStateException("a bug");
        };
        send(Destinations.NOTIFICATIONS, "{}", null);
        Message dead = receive(Destinations.DEAD_LETTERS, 10_000);
        assertNotNull(dead);
        assertEquals("internal", dead.getStringProperty("errorCode"));
        assertEquals(InboundListeners.POISON_AFTER, bodies.size(), "tried " + InboundListeners.POISON_AFTER + " times first");
    }

    @Test
    void whileTheDatabaseIsDownNothingIsDeadLettered() throws Exception {
        databaseAnswers = false;
        behaviour = call -> {
            if (call <= InboundListeners.POISON_AFTER + 2) {
                throw new IllegalStateException("database down");
            }
            return new InboundProcessor.Processed(false);
        };
        send(Destinations.NOTIFICATIONS, "{}", null);
        assertEventually(() -> bodies.size() == InboundListeners.POISON_AFTER + 3);
        assertNull(receive(Destinations.DEAD_LETTERS, 300));
    }

    private void send(String queue, String body, String idempotencyKey) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            TextMessage message = session.createTextMessage(body);
            if (idempotencyKey != null) {
                message.setStringProperty(InboundListeners.IDEMPOTENCY_KEY, idempotencyKey);
            }
            producer.send(message);
        }
    }

    private Message receive(String queue, long millis) throws JMSException {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(millis);
        }
    }

    private static void assertEventually(java.util.function.BooleanSupplier condition) {
        if (!Poll.until(Duration.ofSeconds(10), condition)) {
            throw new AssertionError("condition not met within 10 s");
        }
    }
}
