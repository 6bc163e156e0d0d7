package dev.parley.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cluster.control.ClusterMode.Transport;
import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterModeTest {

    private static final String POSTGRES = "jdbc:postgresql://db/parley";

    private static Transport chosen(Map<String, String> environment, String clusteredGrid) {
        return ClusterMode.choose(Settings.from(new MapConfig(environment)), clusteredGrid).transport();
    }

    @Test
    void byDefaultAClusteredPayaraGridCarriesDelivery() {
        assertEquals(Transport.HAZELCAST, chosen(Map.of("PARLEY_DB_URL", POSTGRES), "parley"));
        assertEquals(Transport.HAZELCAST, chosen(Map.of("PARLEY_DB_URL", POSTGRES, "PARLEY_JMS_URL", "tcp://b:61616"), "parley"),
                "the grid wins over a shared broker");
    }

    @Test
    void withoutAGridASharedBrokerCarriesDelivery() {
        assertEquals(Transport.JMS, chosen(Map.of("PARLEY_DB_URL", POSTGRES, "PARLEY_JMS_URL", "tcp://b:61616"), null));
    }

    @Test
    void aNodeWithNeitherOrOnTheEmbeddedDatabaseIsAlone() {
        assertEquals(Transport.NONE, chosen(Map.of("PARLEY_DB_URL", POSTGRES), null));
        assertEquals(Transport.NONE, chosen(Map.of(), "parley"), "the embedded H2 belongs to one node");
        assertEquals(Transport.NONE, chosen(Map.of("PARLEY_JMS_URL", "tcp://b:61616"), null));
    }

    @Test
    void anExplicitChoiceWins() {
        Map<String, String> environment = new HashMap<>(Map.of("PARLEY_DB_URL", POSTGRES, "PARLEY_JMS_URL", "tcp://b:61616"));
        environment.put("PARLEY_CLUSTER", "none");
        assertEquals(Transport.NONE, chosen(environment, "parley"));
        environment.put("PARLEY_CLUSTER", "jms");
        assertEquals(Transport.JMS, chosen(environment, "parley"));
        environment.put("PARLEY_CLUSTER", "hazelcast");
        assertEquals(Transport.HAZELCAST, chosen(environment, null));
    }
}
