package dev.parley.integration.control;

import dev.parley.integration.broker.Broker;
import dev.parley.integration.control.InboundProcessor.Outcome;
import dev.parley.integration.control.InboundProcessor.Rejected;
import dev.parley.integration.entity.InboundReceipt;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes the inbound queues {@code parley.notifications} and {@code parley.messages}, one thread
 * and one transacted JMS session per queue (Payara Micro has no JMS resource adapter for MDBs; the
 * loop is what an MDB container would run). Each message is processed, then:
 * <ul>
 *   <li>processed or a duplicate: the session commits (the message is consumed);</li>
 *   <li>rejected: a copy goes to {@code parley.dlq} with the properties {@code reason},
 *       {@code errorCode}, {@code originalQueue}, {@code originalMessageId}, in the same JMS
 *       transaction as consuming the original, so it is moved, never dropped;</li>
 *   <li>a transient failure: the session rolls back and the broker redelivers it later. After
 *       {@value #POISON_AFTER} deliveries that failed while the database answered, it is treated
 *       as rejected (reason {@code internal}).</li>
 * </ul>
 */
@ApplicationScoped
public class InboundListeners {

    private static final Logger LOG = Logger.getLogger(InboundListeners.class.getName());
    static final int POISON_AFTER = 10;
    /** The JMS property a producer may set so that two sends of one business message count once. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    @Inject
    Broker broker;

    @Inject
    InboundProcessor processor;

    @Inject
    IntegrationMetrics metrics;

    @Resource
    ManagedThreadFactory threads;

    /** How long a consumer waits after a transient failure before taking the next message. */
    long failurePauseMillis = 1000;

    private final List<Listener> listeners = Collections.synchronizedList(new ArrayList<>());

    void start(@Observes Startup startup) {
        for (String queue : new String[] {Destinations.NOTIFICATIONS, Destinations.MESSAGES}) {
            Listener listener = new Listener(queue);
            listeners.add(listener);
            Thread thread = threads.newThread(listener);
            thread.setName("parley-jms-" + queue);
            thread.start();
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        synchronized (listeners) {
            listeners.forEach(Listener::stop);
        }
    }

    /** True while every queue has a live consumer. */
    public boolean connected() {
        synchronized (listeners) {
            return !listeners.isEmpty() && listeners.stream().allMatch(l -> l.connected);
        }
    }

    private final class Listener implements Runnable {

        private final String queue;
        private final CountDownLatch stopped = new CountDownLatch(1);
        /** Failures per message id, for brokers that do not count deliveries; the oldest are forgotten. */
        private final Map<String, Integer> failuresSeen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > 1000;
            }
        };
        private volatile Connection connection;
        private volatile boolean connected;

        Listener(String queue) {
            this.queue = queue;
        }

        @Override
        public void run() {
            Backoff backoff = new Backoff(LOG, "JMS: consuming " + queue, Duration.ofSeconds(1), Duration.ofSeconds(10));
            while (stopped.getCount() > 0) {
                try (Connection opened = broker.connectionFactory().createConnection()) {
                    connection = opened;
                    Session session = opened.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                    MessageProducer deadLetters = session.createProducer(session.createQueue(Destinations.DEAD_LETTERS));
                    opened.start();
                    connected = true;
                    backoff.succeeded();
                    while (stopped.getCount() > 0) {
                        Message message = consumer.receive(1000);
                        if (message != null) {
                            handle(session, deadLetters, message);
                        }
                    }
                } catch (JMSException | JMSRuntimeException | IllegalStateException e) {
                    connected = false;
                    if (stopped.getCount() == 0) {
                        return;
                    }
                    pause(backoff.failed(e).toMillis());
                } finally {
                    connected = false;
                    connection = null;
                }
            }
        }

        private void handle(Session session, MessageProducer deadLetters, Message message) throws JMSException {
            String body = text(message);
            String key = message.getStringProperty(IDEMPOTENCY_KEY);
            if (key == null || key.isBlank() || key.length() > InboundReceipt.MAX_KEY) {
                key = message.getJMSMessageID();
            }
            Outcome outcome;
            try {
                outcome = processor.process(queue, key, body);
            } catch (RuntimeException failure) {
                int deliveries = deliveryCount(message);
                if (deliveries < POISON_AFTER || !processor.databaseAnswers()) {
                    session.rollback();
                    metrics.redelivered(queue, 1);
                    LOG.log(Level.WARNING, "JMS: " + queue + " message " + message.getJMSMessageID() + " failed (delivery "
                            + deliveries + "); it will be redelivered", failure);
                    pause(failurePauseMillis);
                    return;
                }
                outcome = new Rejected("internal", "failed " + deliveries + " times while the database answered: " + failure);
            }
            if (outcome instanceof Rejected rejected) {
                deadLetters.send(deadLetter(session, message, body, rejected));
                metrics.deadLettered(queue, 1);
                LOG.info(() -> "JMS: moved a " + queue + " message to " + Destinations.DEAD_LETTERS + ": " + rejected.reason());
            } else {
                metrics.processed(queue, 1);
            }
            session.commit();
        }

        private Message deadLetter(Session session, Message original, String body, Rejected rejected) throws JMSException {
            TextMessage copy = session.createTextMessage(body);
            for (Object name : Collections.list(original.getPropertyNames())) {
                String property = (String) name;
                if (!property.startsWith("JMSX") && !property.startsWith("_")) {
                    copy.setObjectProperty(property, original.getObjectProperty(property));
                }
            }
            copy.setStringProperty("reason", rejected.reason());
            copy.setStringProperty("errorCode", rejected.code());
            copy.setStringProperty("originalQueue", queue);
            copy.setStringProperty("originalMessageId", original.getJMSMessageID());
            return copy;
        }

        /**
         * How often this message has now failed here: the broker's delivery count, or this listener's
         * own count of failures per message id when the broker gives none (a broker that does not set
         * {@code JMSXDeliveryCount} must not disable poison detection).
         */
        private int deliveryCount(Message message) throws JMSException {
            int counted = failuresSeen.merge(message.getJMSMessageID(), 1, Integer::sum);
            int broker = 0;
            try {
                if (message.propertyExists("JMSXDeliveryCount")) {
                    broker = message.getIntProperty("JMSXDeliveryCount");
                }
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "JMS: no delivery count on " + message.getJMSMessageID() + "; counting failures here", e);
            }
            return Math.max(broker, counted);
        }

        private String text(Message message) throws JMSException {
            if (message instanceof TextMessage text) {
                return text.getText();
            }
            if (message instanceof BytesMessage bytes && bytes.getBodyLength() <= 1 << 20) {
                byte[] content = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(content);
                return new String(content, StandardCharsets.UTF_8);
            }
            return null;
        }

        private void pause(long millis) {
            try {
                stopped.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped.countDown();
            }
        }

        void stop() {
            stopped.countDown();
            Connection current = connection;
            if (current != null) {
                try {
                    current.close();
                } catch (JMSException | RuntimeException e) {
                    LOG.log(Level.FINE, "Closing the " + queue + " consumer failed", e);
                }
            }
        }
    }
}
