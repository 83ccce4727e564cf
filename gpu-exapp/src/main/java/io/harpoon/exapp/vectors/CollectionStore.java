package io.harpoon.exapp.vectors;

import static java.util.Objects.requireNonNull;

import io.harpoon.exapp.compute.ComputeBackend;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every collection of the app, persisted under {@code <APP_PERSISTENT_STORAGE>/collections/<name>.hpvc} and
 * reloaded by {@link #open}. Names are validated against {@link VectorLimits#NAME}, so they are safe file names.
 */
public final class CollectionStore implements Closeable {
    static final String SUFFIX = ".hpvc";
    private static final Logger LOG = LoggerFactory.getLogger(CollectionStore.class);

    private final Path directory;
    private final ComputeBackend backend;
    private final TreeMap<String, VectorCollection> collections = new TreeMap<>();

    private CollectionStore(Path directory, ComputeBackend backend) {
        this.directory = directory;
        this.backend = backend;
    }

    /** Result of {@link #create}: the collection and whether this call made it. */
    public record Created(VectorCollection collection, boolean created) {
    }

    /** Opens the store under {@code storageRoot}, replaying every collection log found there. */
    public static CollectionStore open(Path storageRoot, ComputeBackend backend) throws IOException {
        requireNonNull(storageRoot, "storageRoot");
        requireNonNull(backend, "backend");
        Path dir = storageRoot.resolve("collections");
        Files.createDirectories(dir);
        CollectionStore store = new CollectionStore(dir, backend);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - SUFFIX.length());
                if (!VectorLimits.NAME.matcher(name).matches()) {
                    LOG.warn("ignoring {}: not a collection name", file);
                    continue;
                }
                VectorCollection c = VectorCollection.load(name, f, backend);
                store.collections.put(name, c);
                LOG.info("loaded collection {}: {} vectors of dimension {}", name, c.count(), c.dimension());
            }
        }
        return store;
    }

    /** Creates a collection, or returns the existing one when its dimension matches. */
    public synchronized Created create(String name, int dimension) throws IOException {
        VectorLimits.checkName(name);
        VectorLimits.checkDimension(dimension);
        VectorCollection existing = collections.get(name);
        if (existing != null) {
            if (existing.dimension() != dimension) {
                throw new IllegalStateException("dimension: " + dimension + " (expected: " + existing.dimension()
                        + ", collection " + name + " exists)");
            }
            return new Created(existing, false);
        }
        if (collections.size() >= VectorLimits.MAX_COLLECTIONS) {
            throw new IllegalStateException("collections: " + collections.size() + " (expected: < "
                    + VectorLimits.MAX_COLLECTIONS + ")");
        }
        VectorCollection c = VectorCollection.create(name, dimension, directory.resolve(name + SUFFIX), backend);
        collections.put(name, c);
        return new Created(c, true);
    }

    public synchronized Optional<VectorCollection> get(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    /** Collections by name. */
    public synchronized List<VectorCollection> list() {
        return new ArrayList<>(collections.values());
    }

    /** Removes a collection and its file; false when there was none. */
    public synchronized boolean delete(String name) throws IOException {
        VectorCollection c = collections.remove(name);
        if (c == null) {
            return false;
        }
        c.close(true);
        return true;
    }

    public ComputeBackend backend() {
        return backend;
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (VectorCollection c : collections.values()) {
            try {
                c.close(false);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        collections.clear();
        if (first != null) {
            throw first;
        }
    }
}
