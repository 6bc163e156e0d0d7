package dev.parley.integration.control;

import dev.parley.integration.broker.Broker;
import dev.parley.integration.entity.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outbox events to topic {@code parley.events} over one connection, a batch per local JMS
 * transaction. A failure closes the connection; the next batch opens a new one.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());

    /**
     * ActiveMQ Artemis's duplicate-detection header: a republished event (same id) is dropped by the
     * broker. Other brokers ignore the property; consumers can always deduplicate by {@code eventId}.
     */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    @Inject
    Broker broker;

    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private volatile boolean broken;

    /** Thrown when the broker did not take a batch; nothing of it counts as published. */
    public static class BrokerUnavailable extends RuntimeException {
        BrokerUnavailable(Exception cause) {
            super("the JMS broker did not take the events: " + cause.getMessage(), cause);
        }
    }

    /**
     * Publishes a batch in one JMS transaction. If the broker refuses it because some events were
     * published before (a relay stopped between the broker's commit and marking them sent), the
     * batch is sent again one event per transaction, and the refused ones count as published.
     *
     * @throws BrokerUnavailable if the broker did not take the events
     */
    public synchronized void publish(List<OutboxEvent> events) {
        try {
            open();
            for (OutboxEvent event : events) {
                send(event);
            }
            session.commit();
        } catch (JMSException | JMSRuntimeException e) {
            close();
            if (!broker.isDuplicateRejection(e)) {
                throw new BrokerUnavailable(e);
            }
            publishOneByOne(events);
        }
    }

    private void publishOneByOne(List<OutboxEvent> events) {
        int duplicates = 0;
        try {
            open();
            for (OutboxEvent event : events) {
                try {
                    send(event);
                    session.commit();
                } catch (JMSException | JMSRuntimeException e) {
                    if (!broker.isDuplicateRejection(e)) {
                        throw e;
                    }
                    duplicates++;
                    close();
                    open();
                }
            }
        } catch (JMSException | JMSRuntimeException e) {
            close();
            throw new BrokerUnavailable(e);
        }
        int skipped = duplicates;
        LOG.info(() -> "JMS: " + skipped + " of " + events.size() + " events had been published before; the broker dropped the copies");
    }

    private void send(OutboxEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(event.payload());
        message.setStringProperty("eventType", event.type());
        message.setStringProperty("eventId", event.eventId());
        message.setStringProperty(DUPLICATE_ID, event.eventId());
        producer.send(message);
    }

    private void open() throws JMSException {
        if (broken) {
            close();
        }
        if (connection == null) {
            Connection opened = broker.connectionFactory().createConnection();
            try {
                opened.setExceptionListener(e -> broken = true);
                session = opened.createSession(true, Session.SESSION_TRANSACTED);
                producer = session.createProducer(session.createTopic(Destinations.EVENTS));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection = opened;
                broken = false;
            } catch (JMSException | RuntimeException e) {
                opened.close();
                throw e;
            }
        }
    }

    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing the events connection failed", e);
            }
        }
        connection = null;
        session = null;
        producer = null;
    }
}
