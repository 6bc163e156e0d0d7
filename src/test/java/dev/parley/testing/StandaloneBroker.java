package dev.parley.testing;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A standalone ActiveMQ Artemis broker in the test JVM (the same Maven artifacts an operator's broker
 * runs), with a persistent journal, so it can be stopped and started again like a real one.
 */
public final class StandaloneBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final int port;

    private StandaloneBroker(EmbeddedActiveMQ broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    public static StandaloneBroker start(Path dir, int port) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("standalone-test-broker");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setNodeManagerLockDirectory(dir.toString());
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.setCriticalAnalyzer(false);
        config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return new StandaloneBroker(broker, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public void stop() throws Exception {
        broker.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
