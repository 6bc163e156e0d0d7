package dev.parley.cluster.control;

import dev.parley.platform.retry.Backoff;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The portable cluster transport: JMS topic {@code parley.cluster} on the broker every node shares
 * (the one {@code PARLEY_JMS_URL} names), scoped by the installation id so that two installations on
 * one broker never mix. Envelopes are non-persistent: one lost between nodes is
 * repaired from the database (messages), retried by {@link ClusterDelivery} (what cannot be repaired),
 * or was ephemeral anyway. Sending runs on one thread behind a bounded queue, so publishing never
 * waits for the broker; a full queue refuses envelopes.
 */
public final class JmsTransport implements ClusterTransport {

    private static final Logger LOG = Logger.getLogger(JmsTransport.class.getName());
    static final String TOPIC = "parley.cluster";
    static final int QUEUE = 10_000;

    private final ConnectionFactory factory;
    private final String node;
    private final String installation;
    private final ThreadFactory threads;
    private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean running = true;
    private volatile Connection connection;
    private Thread sender;

    public JmsTransport(ConnectionFactory factory, String node, String installation, ThreadFactory threads) {
        this.factory = factory;
        this.node = node;
        this.installation = installation;
        this.threads = threads;
    }

    @Override
    public void start(Consumer<String> receiver) {
        sender = threads.newThread(() -> run(receiver));
        sender.setName("parley-cluster-jms");
        sender.start();
    }

    private void run(Consumer<String> receiver) {
        Backoff backoff = new Backoff(LOG, "Cluster: the JMS transport", Duration.ofMillis(500), Duration.ofSeconds(10));
        while (running) {
            try (Connection opened = factory.createConnection()) {
                connection = opened;
                Session receiving = opened.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Topic topic = receiving.createTopic(TOPIC);
                MessageConsumer consumer = receiving.createConsumer(topic,
                        "node <> '" + node + "' AND installation = '" + installation + "'");
                consumer.setMessageListener(message -> {
                    try {
                        receiver.accept(((TextMessage) message).getText());
                    } catch (JMSException | RuntimeException e) {
                        LOG.log(Level.WARNING, "Cluster: an envelope from another node could not be delivered", e);
                    }
                });
                Session sending = opened.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = sending.createProducer(sending.createTopic(TOPIC));
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                opened.start();
                backoff.succeeded();
                while (running) {
                    String envelope = outgoing.poll(1, TimeUnit.SECONDS);
                    if (envelope != null) {
                        TextMessage message = sending.createTextMessage(envelope);
                        message.setStringProperty("node", node);
                        message.setStringProperty("installation", installation);
                        producer.send(message);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JMSException | RuntimeException e) {
                if (!running || !backoff.pauseAfter(e)) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    @Override
    public boolean broadcast(String envelope) {
        return outgoing.offer(envelope);
    }

    @Override
    public void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (JMSException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing the cluster connection failed", e);
            }
        }
    }

    @Override
    public String describe() {
        return "jms " + TOPIC;
    }
}
