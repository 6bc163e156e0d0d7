package dev.parley.testing;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A JMS client of Parley's broker as an integrator would write one: its own TCP connection, the
 * plain {@code jakarta.jms} API (the Artemis factory is the only broker-specific line).
 */
public final class JmsClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final Session session;

    public JmsClient(String url, String user, String password) {
        this(url, user, password, null);
    }

    public JmsClient(String url, String user, String password, String clientId) {
        try {
            connection = new ActiveMQConnectionFactory(url, user, password).createConnection();
            if (clientId != null) {
                connection.setClientID(clientId);
            }
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        }
    }

    /** A client of the embedded broker of the deployment under test (its port and password come from failsafe). */
    public static JmsClient ofTestDeployment() {
        return new JmsClient("tcp://127.0.0.1:" + System.getenv("PARLEY_JMS_PORT"), System.getenv("PARLEY_JMS_USER"),
                System.getenv("PARLEY_JMS_PASSWORD"));
    }

    /** Subscribes to {@code parley.events} from now on (non-durable). */
    public Events events() {
        try {
            Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new Events(own.createConsumer(own.createTopic("parley.events")));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A durable subscription to {@code parley.events}: what arrives while this client is away waits for it. */
    public Events durableEvents(String subscription) {
        try {
            Session own = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = own.createTopic("parley.events");
            return new Events(own.createDurableConsumer(topic, subscription));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(String queue, String body, Map<String, String> properties) {
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            TextMessage message = session.createTextMessage(body);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                message.setStringProperty(property.getKey(), property.getValue());
            }
            producer.send(message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message of {@code queue} matching the JMS selector, or fails after {@link #TIMEOUT}. */
    public Message receive(String queue, String selector) {
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            Message message = consumer.receive(TIMEOUT.toMillis());
            if (message == null) {
                throw new AssertionError("nothing matching " + selector + " arrived on " + queue + " within " + TIMEOUT);
            }
            return message;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException e) {
            // already gone
        }
    }

    /** An event as received: the JSON body and the JMS properties Parley sets. */
    public record Event(JsonObject json, String eventType, String eventId, long receivedAtMillis) {
        public JsonObject data() {
            return json.getJsonObject("data");
        }
    }

    /** Events as they arrive, in order (each subscription has a session of its own: a listener's session is not shared). */
    public static final class Events {

        private final BlockingQueue<Event> arrived = new LinkedBlockingQueue<>();

        Events(MessageConsumer consumer) throws JMSException {
            consumer.setMessageListener(message -> {
                try {
                    String body = ((TextMessage) message).getText();
                    arrived.add(new Event(Json.createReader(new StringReader(body)).readObject(),
                            message.getStringProperty("eventType"), message.getStringProperty("eventId"), System.currentTimeMillis()));
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        /** Events matching {@code filter}, in arrival order, until {@code last} matches one; fails after {@link #TIMEOUT}. */
        public List<Event> until(Predicate<Event> filter, Predicate<Event> last) {
            return until(filter, last, TIMEOUT);
        }

        /** {@link #until(Predicate, Predicate)} with a timeout of its own. */
        public List<Event> until(Predicate<Event> filter, Predicate<Event> last, Duration timeout) {
            List<Event> matching = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (true) {
                    Event event = arrived.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (event == null) {
                        throw new AssertionError("timed out; got only " + matching);
                    }
                    if (filter.test(event)) {
                        matching.add(event);
                        if (last.test(event)) {
                            return matching;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The next event matching {@code filter}, skipping others. */
        public Event next(Predicate<Event> filter) {
            return until(filter, e -> true).get(0);
        }
    }
}
