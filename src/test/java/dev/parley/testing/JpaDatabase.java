package dev.parley.testing;

import jakarta.enterprise.event.Event;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.jpa.HibernatePersistenceProvider;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Parley's persistence unit outside the server, for plain JUnit tests of database code: an in-memory
 * H2 migrated by the real migrations, Hibernate with the properties of the real {@code persistence.xml}
 * (resource-local transactions instead of JTA), and every JDBC round trip counted at the driver.
 */
public final class JpaDatabase implements AutoCloseable {

    private static final Set<String> ROUND_TRIPS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final JdbcDataSource h2;
    private final EntityManagerFactory factory;
    private final Counter counter = new Counter();

    private JpaDatabase(String name) {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        Flyway.configure(JpaDatabase.class.getClassLoader()).dataSource(h2).locations("classpath:db/migration").load().migrate();
        factory = new HibernatePersistenceProvider().createContainerEntityManagerFactory(new Unit(counting(h2)), new Properties());
    }

    public static JpaDatabase start(String name) {
        return new JpaDatabase(name);
    }

    /** Round trips to the database since the last {@link Counter#reset}. */
    public Counter statements() {
        return counter;
    }

    /** Runs {@code work} in a transaction of its own, committed when it returns. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        EntityTransaction transaction = em.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(em);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            em.close();
        }
    }

    /** Runs SQL statements separated by {@code ;} and a line break, uncounted. */
    public void execute(String script) {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : script.split(";\n")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each row of {@code sql}, uncounted. */
    public void query(String sql, RowConsumer rows) {
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.accept(result);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql) {
        AtomicLong count = new AtomicLong();
        query(sql, row -> count.set(row.getLong(1)));
        return count.get();
    }

    @Override
    public void close() {
        factory.close();
        execute("shutdown");
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    /** Sets a field the container would inject, for a bean of another package than the test's. */
    public static <T> T inject(T bean, String field, Object value) {
        try {
            java.lang.reflect.Field target = bean.getClass().getDeclaredField(field);
            target.setAccessible(true);
            target.set(bean, value);
            return bean;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CDI event that nobody observes. */
    public static <T> Event<T> ignored() {
        return delivering(event -> { });
    }

    /** A CDI event whose one observer is {@code observer}, called synchronously as CDI would. */
    @SuppressWarnings("unchecked")
    public static <T> Event<T> delivering(Consumer<T> observer) {
        return (Event<T>) Proxy.newProxyInstance(JpaDatabase.class.getClassLoader(), new Class<?>[] {Event.class}, (proxy, method, args) -> {
            if (method.getName().equals("fire")) {
                observer.accept((T) args[0]);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** JDBC round trips (statements executed, batches sent, commits) and the rows sent in batches. */
    public static final class Counter {
        private final AtomicLong roundTrips = new AtomicLong();
        private final AtomicLong batchedRows = new AtomicLong();
        private final AtomicLong batches = new AtomicLong();
        private final Map<String, AtomicLong> bySql = new ConcurrentSkipListMap<>();

        public long roundTrips() {
            return roundTrips.get();
        }

        public void reset() {
            bySql.clear();
            roundTrips.set(0);
            batchedRows.set(0);
            batches.set(0);
        }

        @Override
        public String toString() {
            return roundTrips + " round trips, of which " + batches + " JDBC batches carrying " + batchedRows + " rows: " + bySql;
        }
    }

    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(JpaDatabase.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? counting(connection) : result;
                });
    }

    private Connection counting(Connection target) {
        return (Connection) Proxy.newProxyInstance(JpaDatabase.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        counter.roundTrips.incrementAndGet();
                    }
                    Object result = invoke(target, method, args);
                    if (result instanceof Statement statement) {
                        return counting(statement, args != null && args.length > 0 && args[0] instanceof String sql ? sql : null);
                    }
                    return result;
                });
    }

    private Statement counting(Statement target, String prepared) {
        List<Class<?>> interfaces = new ArrayList<>();
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            Stream.of(type.getInterfaces()).filter(i -> Statement.class.isAssignableFrom(i)).forEach(interfaces::add);
        }
        return (Statement) Proxy.newProxyInstance(JpaDatabase.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (ROUND_TRIPS.contains(name)) {
                        counter.roundTrips.incrementAndGet();
                        String sql = prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
                        counter.bySql.computeIfAbsent(sql.length() > 48 ? sql.substring(0, 48) : sql, key -> new AtomicLong()).incrementAndGet();
                        if (name.contains("Batch")) {
                            counter.batches.incrementAndGet();
                        }
                    } else if (name.equals("addBatch")) {
                        counter.batchedRows.incrementAndGet();
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The unit "parley" of {@code META-INF/persistence.xml}: its properties and entities, on a plain data source. */
    private static final class Unit implements PersistenceUnitInfo {
        private final DataSource dataSource;
        private final Properties properties = new Properties();
        private final List<String> entities = new ArrayList<>();
        private final URL root;

        Unit(DataSource dataSource) {
            this.dataSource = dataSource;
            try {
                URL xml = JpaDatabase.class.getClassLoader().getResource("META-INF/persistence.xml");
                DocumentBuilderFactory parser = DocumentBuilderFactory.newInstance();
                parser.setNamespaceAware(true);
                NodeList nodes = parser.newDocumentBuilder().parse(xml.openStream())
                        .getElementsByTagNameNS("*", "property");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element property = (Element) nodes.item(i);
                    properties.setProperty(property.getAttribute("name"), property.getAttribute("value"));
                }
                // Transactions are resource-local here: no server to find a transaction manager in.
                properties.remove("hibernate.transaction.jta.platform_resolver");
                Path classes = Path.of(xml.toURI().resolve(".."));
                root = classes.toUri().toURL();
                try (Stream<Path> files = Files.walk(classes.resolve("dev/parley"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class") && f.getParent().endsWith("entity")).toList()) {
                        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                        if (Class.forName(name).isAnnotationPresent(Entity.class)) {
                            entities.add(name);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the persistence unit", e);
            }
        }

        @Override
        public String getPersistenceUnitName() {
            return "parley";
        }

        @Override
        public String getPersistenceProviderClassName() {
            return HibernatePersistenceProvider.class.getName();
        }

        @Override
        public PersistenceUnitTransactionType getTransactionType() {
            return PersistenceUnitTransactionType.RESOURCE_LOCAL;
        }

        @Override
        public DataSource getJtaDataSource() {
            return null;
        }

        @Override
        public DataSource getNonJtaDataSource() {
            return dataSource;
        }

        @Override
        public List<String> getMappingFileNames() {
            return List.of();
        }

        @Override
        public List<URL> getJarFileUrls() {
            return List.of();
        }

        @Override
        public URL getPersistenceUnitRootUrl() {
            return root;
        }

        @Override
        public List<String> getManagedClassNames() {
            return entities;
        }

        @Override
        public boolean excludeUnlistedClasses() {
            return true;
        }

        @Override
        public SharedCacheMode getSharedCacheMode() {
            return SharedCacheMode.NONE;
        }

        @Override
        public ValidationMode getValidationMode() {
            return ValidationMode.NONE;
        }

        @Override
        public Properties getProperties() {
            return properties;
        }

        @Override
        public String getPersistenceXMLSchemaVersion() {
            return "3.0";
        }

        @Override
        public ClassLoader getClassLoader() {
            return JpaDatabase.class.getClassLoader();
        }

        @Override
        public void addTransformer(ClassTransformer transformer) {
        }

        @Override
        public ClassLoader getNewTempClassLoader() {
            return null;
        }
    }
}
