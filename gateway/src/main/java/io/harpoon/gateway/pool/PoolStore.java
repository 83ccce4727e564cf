package io.harpoon.gateway.pool;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pool's own table in the scheduler's H2 file ({@code <dataDir>/scheduler/placements.mv.db}): which container
 * belongs to which ExApp id, and the {@code create} body it was made from, so a container whose engine was lost
 * can be created again elsewhere on its next {@code start}.
 *
 * <pre>
 *   pool_containers(container PK, workload_id, create_body)
 * </pre>
 *
 * The create body holds the ExApp's environment, {@code APP_SECRET} included: the data dir must be private to
 * the gateway's user (as it already is for the generated shared key). Nothing here is logged.
 */
final class PoolStore implements AutoCloseable {
    /** One row: the ExApp id and the create body of a container. */
    record Row(String workloadId, String createBody) {
    }

    private final Connection connection;

    private PoolStore(Connection connection) {
        this.connection = connection;
    }

    /** @param placementsFile the scheduler store's file ({@code .../placements.mv.db}) */
    static PoolStore open(Path placementsFile) {
        String file = placementsFile.toAbsolutePath().toString();
        String stem = file.endsWith(".mv.db") ? file.substring(0, file.length() - ".mv.db".length()) : file;
        try {
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + stem + ";AUTO_SERVER=TRUE", "sa", "");
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS pool_containers(container VARCHAR(255) PRIMARY KEY, "
                        + "workload_id VARCHAR(255) NOT NULL, create_body CLOB NOT NULL)");
                // containers left on an engine that was lost while the ExApp moved elsewhere
                st.execute("CREATE TABLE IF NOT EXISTS pool_stale(container VARCHAR(255) NOT NULL, "
                        + "engine_port INT NOT NULL, PRIMARY KEY(container, engine_port))");
            }
            return new PoolStore(c);
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: " + stem + " (expected: the placement store's file)", e);
        }
    }

    synchronized void put(String container, String workloadId, String createBody) {
        try (PreparedStatement ps = connection.prepareStatement(
                "MERGE INTO pool_containers KEY(container) VALUES(?, ?, ?)")) {
            ps.setString(1, requireNonNull(container, "container"));
            ps.setString(2, requireNonNull(workloadId, "workloadId"));
            ps.setString(3, requireNonNull(createBody, "createBody"));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: write " + container + " failed", e);
        }
    }

    synchronized void remove(String container) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM pool_containers WHERE container = ?")) {
            ps.setString(1, container);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: remove " + container + " failed", e);
        }
    }

    /** {@code container} still exists on the lost engine {@code port}; remove it there when it is back. */
    synchronized void addStale(String container, int port) {
        update("MERGE INTO pool_stale KEY(container, engine_port) VALUES(?, ?)", container, port);
    }

    synchronized void removeStale(String container, int port) {
        update("DELETE FROM pool_stale WHERE container = ? AND engine_port = ?", container, port);
    }

    /** Containers left behind on engine {@code port}. */
    synchronized List<String> stale(int port) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT container FROM pool_stale WHERE engine_port = ? ORDER BY container")) {
            ps.setInt(1, port);
            List<String> out = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: read stale containers failed", e);
        }
    }

    private void update(String sql, String container, int port) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, container);
            ps.setInt(2, port);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: " + sql + " failed", e);
        }
    }

    /** One container's row. */
    synchronized java.util.Optional<Row> get(String container) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT workload_id, create_body FROM pool_containers WHERE container = ?")) {
            ps.setString(1, container);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(new Row(rs.getString(1), rs.getString(2)))
                        : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: read " + container + " failed", e);
        }
    }

    /** Every row by container name. */
    synchronized Map<String, Row> all() {
        Map<String, Row> out = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT container, workload_id, create_body FROM pool_containers "
                        + "ORDER BY container")) {
            while (rs.next()) {
                out.put(rs.getString(1), new Row(rs.getString(2), rs.getString(3)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: read failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("pool store: close failed", e);
        }
    }
}
