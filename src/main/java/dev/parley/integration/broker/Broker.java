package dev.parley.integration.broker;

import dev.parley.integration.control.Destinations;
import dev.parley.platform.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Parley's JMS broker, the one place that knows it is ActiveMQ Artemis; everything else uses the
 * {@code jakarta.jms} API on the {@link ConnectionFactory} this hands out.
 *
 * <p>Without {@code PARLEY_JMS_URL} it starts an embedded broker: journal in {@code DATA_DIR/broker},
 * an in-VM acceptor for Parley itself, and a TCP acceptor on {@code 127.0.0.1:PARLEY_JMS_PORT} that
 * requires the configured (or generated) user and password. With {@code PARLEY_JMS_URL} it runs no
 * broker and connects to that one.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class.getName());
    /** First redelivery after a transient failure, then doubled up to {@link #MAX_REDELIVERY_MS}. */
    static final long REDELIVERY_MS = 1000;
    static final long MAX_REDELIVERY_MS = 60_000;
    static final long CALL_TIMEOUT_MS = 10_000;

    @Inject
    Settings settings;

    private EmbeddedActiveMQ embedded;
    private ConnectionFactory factory;
    private String description;

    void startEarly(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        connectionFactory();
    }

    /** The factory for connections to the broker, starting the embedded broker on first use. */
    public synchronized ConnectionFactory connectionFactory() {
        if (factory == null) {
            if (settings.embeddedBroker()) {
                startEmbedded();
            } else {
                String url = settings.jmsUrl().orElseThrow();
                ActiveMQConnectionFactory external = new ActiveMQConnectionFactory(url, settings.jmsUser().orElse(null),
                        settings.jmsPassword().orElse(null));
                if (!url.contains("callTimeout")) {
                    // A send to a broker that vanished mid-call fails after 10 s rather than 30: the relay
                    // holds the outbox lock meanwhile. The URL's own callTimeout wins.
                    external.setCallTimeout(CALL_TIMEOUT_MS);
                }
                factory = external;
                description = "external " + url;
                LOG.info(() -> "JMS: using the external broker at " + url);
            }
        }
        return factory;
    }

    /** {@code embedded tcp://127.0.0.1:61616} or {@code external URL}, for health and logs. */
    public synchronized String description() {
        return description;
    }

    /**
     * Whether a failed send or commit was the broker's duplicate detection refusing an event it
     * already has (same {@code _AMQ_DUPL_ID}): the event is published, not lost.
     */
    public boolean isDuplicateRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    public boolean embeddedBroker() {
        return settings.embeddedBroker();
    }

    private void startEmbedded() {
        Path dir = settings.dataDir().resolve("broker");
        BrokerCredentials credentials = BrokerCredentials.resolve(settings, dir);
        long started = System.nanoTime();
        try {
            ConfigurationImpl config = new ConfigurationImpl();
            config.setName("parley");
            config.setPersistenceEnabled(true);
            config.setJournalType(JournalType.NIO);
            config.setJournalDirectory(dir.resolve("journal").toString());
            config.setBindingsDirectory(dir.resolve("bindings").toString());
            config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
            config.setPagingDirectory(dir.resolve("paging").toString());
            config.setNodeManagerLockDirectory(dir.toString());
            config.setSecurityEnabled(true);
            config.setJMXManagementEnabled(false);
            // On two busy cores a long GC pause must not make the broker shut itself down.
            config.setCriticalAnalyzer(false);
            config.addAcceptorConfiguration("in-vm", "vm://0");
            String tcp = null;
            if (settings.jmsPort() > 0) {
                tcp = "tcp://127.0.0.1:" + settings.jmsPort();
                config.addAcceptorConfiguration("tcp", tcp);
            }
            AddressSettings inbound = inboundQueueSettings();
            config.addAddressSetting(Destinations.NOTIFICATIONS, inbound);
            config.addAddressSetting(Destinations.MESSAGES, inbound);
            for (String queue : new String[] {Destinations.NOTIFICATIONS, Destinations.MESSAGES, Destinations.DEAD_LETTERS}) {
                config.addQueueConfiguration(QueueConfiguration.of(queue).setAddress(queue).setRoutingType(RoutingType.ANYCAST));
            }
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(Destinations.EVENTS)
                    .addRoutingType(RoutingType.MULTICAST));
            embedded = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(new SingleUserSecurityManager(credentials));
            embedded.start();
            factory = new ActiveMQConnectionFactory("vm://0", credentials.user(), credentials.password());
            description = "embedded " + (tcp == null ? "(in-VM only)" : tcp);
            long millis = (System.nanoTime() - started) / 1_000_000;
            String where = description;
            LOG.info(() -> "JMS: started the " + where + " broker in " + millis + " ms, journal in " + dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded JMS broker in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The inbound queues' settings: redelivery after 1 s, doubling up to 60 s, and no limit on
     * attempts. Parley dead-letters what it cannot process itself, with the reason; the broker never
     * gives up on a message that failed for a transient reason. (Artemis's default, 10 attempts with
     * no dead-letter address configured, would drop it.)
     */
    public static AddressSettings inboundQueueSettings() {
        return new AddressSettings()
                .setRedeliveryDelay(REDELIVERY_MS)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(MAX_REDELIVERY_MS)
                .setMaxDeliveryAttempts(-1)
                .setDeadLetterAddress(SimpleString.of(Destinations.DEAD_LETTERS));
    }

    @PreDestroy
    synchronized void stop() {
        if (factory instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "Closing the JMS connection factory failed", e);
            }
        }
        if (embedded != null) {
            try {
                embedded.stop();
                LOG.info("JMS: stopped the embedded broker");
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Stopping the embedded JMS broker failed", e);
            }
            embedded = null;
        }
        factory = null;
    }
}
