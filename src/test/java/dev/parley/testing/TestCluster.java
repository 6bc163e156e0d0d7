package dev.parley.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Parley nodes in server processes of their own, sharing one PostgreSQL database created for the run
 * (and dropped afterwards). {@link #start} clusters Payara Micro nodes over loopback with a cluster
 * name unique to this run; {@link #overBroker} starts nodes of the suite's server (Payara or WildFly)
 * that share a broker. No node is told {@code PARLEY_CLUSTER}: each chooses its transport by itself.
 */
public final class TestCluster implements AutoCloseable {

    public static final String POSTGRES = System.getProperty("it.clusterPostgres", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String POSTGRES_USER = System.getProperty("it.clusterPostgresUser", "postgres");

    private final Path work;
    private final String database;
    private final String clusterName = "parley-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> hazelcastPorts = new ArrayList<>();
    private final Map<String, String> environment;
    private final boolean dataGrid;
    private final ServerProcess[] nodes;

    private TestCluster(Path work, String database, int size, Map<String, String> extra, boolean dataGrid) throws IOException {
        this.work = work;
        this.database = database;
        this.dataGrid = dataGrid;
        this.nodes = new ServerProcess[size];
        for (int i = 0; i < size; i++) {
            hazelcastPorts.add(ServerProcess.freePort());
        }
        // No PARLEY_CLUSTER: each node chooses its transport by itself (Payara's grid, as it is clustered).
        environment = new HashMap<>(Map.of(
                "PARLEY_DB_URL", POSTGRES + database,
                "PARLEY_DB_USER", POSTGRES_USER,
                "PARLEY_DB_PASSWORD", "unused"));
        environment.putAll(extra);
    }

    /** Why a cluster cannot run here (no PostgreSQL), or empty. */
    public static Optional<String> unavailable() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES + "postgres", POSTGRES_USER, "unused")) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("no PostgreSQL at " + POSTGRES + " (" + e.getMessage() + ")");
        }
    }

    /** Creates the database and boots {@code size} Payara Micro nodes in one data grid, in parallel. */
    public static TestCluster start(Path work, int size, Map<String, String> extra) throws Exception {
        return start(work, size, extra, true);
    }

    /**
     * Creates the database and boots {@code size} nodes of the suite's server without a data grid; the
     * {@code extra} environment names the shared broker ({@code PARLEY_JMS_URL}).
     */
    public static TestCluster overBroker(Path work, int size, Map<String, String> extra) throws Exception {
        return start(work, size, extra, false);
    }

    private static TestCluster start(Path work, int size, Map<String, String> extra, boolean dataGrid) throws Exception {
        String database = "parley_cluster_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", POSTGRES_USER, "unused");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        TestCluster cluster = new TestCluster(work, database, size, extra, dataGrid);
        try {
            // One after another: two boots at once on two busy cores have timed out.
            for (int i = 0; i < size; i++) {
                cluster.nodes[i] = cluster.boot(i);
            }
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private ServerProcess boot(int index) throws IOException, InterruptedException {
        String name = "node" + (char) ('a' + index);
        Map<String, String> env = new HashMap<>(environment);
        env.put("PARLEY_DATA_DIR", work.resolve(name + "-data").toString());
        env.put("PARLEY_NODE_NAME", name);
        if (!dataGrid) {
            return ServerProcess.start(work.resolve(name), env);
        }
        List<String> members = hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).toList();
        return PayaraProcess.start(work.resolve(name), env, List.of(
                "--name", name,
                "--clustername", clusterName,
                "--clustermode", "tcpip:" + String.join(",", members),
                "--startport", Integer.toString(hazelcastPorts.get(index)),
                "--interfaces", "127.0.0.1",
                // as scripts/cluster.sh starts production nodes: h2c off (payara-config/preboot.asadmin)
                "--prebootcommandfile", ServerProcess.required("payara.preboot")));
    }

    /**
     * Boots one more node on the same database but outside the cluster ({@code --nocluster}), as an
     * operator who forgot the cluster options would.
     */
    public ServerProcess startOutsider() throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(environment);
        env.put("PARLEY_DATA_DIR", work.resolve("outsider-data").toString());
        env.put("PARLEY_NODE_NAME", "outsider");
        return ServerProcess.start(work.resolve("outsider"), env);
    }

    public ServerProcess node(int index) {
        return nodes[index];
    }

    public Api api(int index) {
        return new Api(nodes[index].base());
    }

    /** Kills node {@code index} without warning (SIGKILL). */
    public void kill(int index) throws InterruptedException {
        nodes[index].kill();
    }

    /** Starts node {@code index} again (after a kill or stop), on its old Hazelcast port. */
    public ServerProcess restart(int index) throws IOException, InterruptedException {
        nodes[index].close();
        nodes[index] = boot(index);
        return nodes[index];
    }

    @Override
    public void close() {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        for (ServerProcess node : nodes) {
            if (node != null) {
                try {
                    node.awaitExit();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Connection admin = DriverManager.getConnection(POSTGRES + "postgres", POSTGRES_USER, "unused");
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop " + database + ": " + e.getMessage());
        }
    }
}
