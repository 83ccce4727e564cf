package io.harpoon.scheduler.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harpoon.scheduler.api.Explanation;
import io.harpoon.scheduler.api.Plan;
import io.harpoon.scheduler.api.Reservation;
import io.harpoon.scheduler.explain.ExplanationJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Placements in an embedded H2 file, {@code <dataDir>/scheduler/placements.mv.db}, so reservations survive a
 * restart. One row per ExApp id (the latest decision); reservation and explanation are stored as JSON next to
 * the summary line, which stays queryable as text.
 *
 * <pre>
 *   placements(workload_id PK, state PLACED|RELEASED|REFUSED|LOST, engine_id, summary, reservation_json,
 *              explanation_json, seq)
 * </pre>
 *
 * {@code AUTO_SERVER=TRUE} lets {@code harpoon placements} read the file while the gateway holds it open (H2
 * then serves the second process over loopback TCP; remote connections stay refused). Methods are synchronized:
 * one JDBC connection, writes at placement rate.
 */
public final class PlacementStore implements AutoCloseable {
    /** File name stem under {@code <dataDir>/scheduler/}. */
    public static final String FILE_STEM = "placements";
    private static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final Path file;

    private PlacementStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) the store under {@code dataDir}. */
    public static PlacementStore open(Path dataDir) {
        requireNonNull(dataDir, "dataDir");
        Path dir = dataDir.toAbsolutePath().resolve("scheduler");
        try {
            Files.createDirectories(dir);
            Path stem = dir.resolve(FILE_STEM);
            // AUTO_SERVER opens a TCP port for a second process; keep it on loopback unless an operator says otherwise.
            if (System.getProperty("h2.bindAddress") == null) {
                System.setProperty("h2.bindAddress", "127.0.0.1");
            }
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + stem + ";AUTO_SERVER=TRUE", "sa", "");
            PlacementStore s = new PlacementStore(c, dir.resolve(FILE_STEM + ".mv.db"));
            s.migrate();
            return s;
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("placement store: " + dir + " (expected: a writable data dir)", e);
        }
    }

    /** True when a store file exists under {@code dataDir} (the CLI reports "no placements" otherwise). */
    public static boolean exists(Path dataDir) {
        return Files.exists(dataDir.toAbsolutePath().resolve("scheduler").resolve(FILE_STEM + ".mv.db"));
    }

    public Path file() {
        return file;
    }

    private void migrate() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS scheduler_meta(k VARCHAR(64) PRIMARY KEY, v VARCHAR(255))");
            st.execute("MERGE INTO scheduler_meta KEY(k) VALUES('schema_version', '" + SCHEMA_VERSION + "')");
            st.execute("CREATE TABLE IF NOT EXISTS placements("
                    + "workload_id VARCHAR(255) PRIMARY KEY, state VARCHAR(16) NOT NULL, engine_id VARCHAR(255), "
                    + "summary VARCHAR(8000) NOT NULL, reservation_json CLOB, explanation_json CLOB NOT NULL, "
                    + "seq BIGINT NOT NULL)");
        }
    }

    /** Stores a plan's outcome: a placement replaces the id's row; a refusal too (and releases what it held). */
    public synchronized StoredPlacement record(Plan plan) {
        requireNonNull(plan, "plan");
        Reservation r = plan.placement().map(p -> p.reservation()).orElse(null);
        StoredPlacement.State state = r != null ? StoredPlacement.State.PLACED : StoredPlacement.State.REFUSED;
        return put(plan.workloadId(), state, r, plan.explanation());
    }

    private StoredPlacement put(String id, StoredPlacement.State state, Reservation r, Explanation x) {
        try (PreparedStatement ps = connection.prepareStatement(
                "MERGE INTO placements KEY(workload_id) VALUES(?, ?, ?, ?, ?, ?, "
                        + "(SELECT COALESCE(MAX(seq), 0) + 1 FROM placements))")) {
            ps.setString(1, id);
            ps.setString(2, state.name());
            ps.setString(3, r == null ? null : r.engineId());
            ps.setString(4, x.summary());
            ps.setString(5, r == null ? null : JSON.writeValueAsString(r));
            ps.setString(6, ExplanationJson.write(x));
            ps.executeUpdate();
            return get(id).orElseThrow();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("placement store: write " + id + " failed", e);
        }
    }

    /**
     * The container is gone but its data volume stays: the row keeps the engine as the ExApp's home and stops
     * counting as held. True when a PLACED row was released.
     */
    public synchronized boolean release(String workloadId) {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE placements SET state = 'RELEASED', "
                + "seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM placements) WHERE workload_id = ? AND state = 'PLACED'")) {
            ps.setString(1, requireNonNull(workloadId, "workloadId"));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("placement store: release " + workloadId + " failed", e);
        }
    }

    /**
     * The engine went down: its PLACED rows become LOST (they stop counting as held, keep the reservation as
     * history). Returns the ids marked.
     */
    public synchronized List<String> markLost(String engineId) {
        return move(engineId, "PLACED", "LOST");
    }

    /** The engine is back: rows still LOST on it become PLACED again (their containers are there). */
    public synchronized List<String> restore(String engineId) {
        return move(engineId, "LOST", "PLACED");
    }

    private List<String> move(String engineId, String from, String to) {
        requireNonNull(engineId, "engineId");
        List<String> ids = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT workload_id FROM placements WHERE engine_id = ? AND state = ? ORDER BY workload_id")) {
            q.setString(1, engineId);
            q.setString(2, from);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (PreparedStatement u = connection.prepareStatement("UPDATE placements SET state = ?, "
                    + "seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM placements) WHERE engine_id = ? AND state = ?")) {
                u.setString(1, to);
                u.setString(2, engineId);
                u.setString(3, from);
                u.executeUpdate();
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("placement store: " + from + " -> " + to + " on " + engineId
                    + " failed", e);
        }
    }

    /** Forgets an id (the ExApp and its data were removed); true when a row existed. */
    public synchronized boolean remove(String workloadId) {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM placements WHERE workload_id = ?")) {
            ps.setString(1, requireNonNull(workloadId, "workloadId"));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("placement store: remove " + workloadId + " failed", e);
        }
    }

    public synchronized Optional<StoredPlacement> get(String workloadId) {
        List<StoredPlacement> rows = query("WHERE workload_id = ?", requireNonNull(workloadId, "workloadId"));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Every row, by ExApp id. */
    public synchronized List<StoredPlacement> list() {
        return query("ORDER BY workload_id", null);
    }

    /** What PLACED rows hold: the reservations a restarted scheduler starts from. */
    public synchronized List<Reservation> reservations() {
        List<Reservation> out = new ArrayList<>();
        for (StoredPlacement p : query("WHERE state = 'PLACED' ORDER BY workload_id", null)) {
            out.add(p.reservation());
        }
        return out;
    }

    private List<StoredPlacement> query(String tail, String arg) {
        String sql = "SELECT workload_id, state, reservation_json, explanation_json, seq FROM placements " + tail;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<StoredPlacement> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String rj = rs.getString(3);
                    out.add(new StoredPlacement(rs.getString(1), StoredPlacement.State.valueOf(rs.getString(2)),
                            rj == null ? null : JSON.readValue(rj, Reservation.class),
                            ExplanationJson.read(rs.getString(4)), rs.getLong(5)));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("placement store: read failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("placement store: close failed", e);
        }
    }
}
