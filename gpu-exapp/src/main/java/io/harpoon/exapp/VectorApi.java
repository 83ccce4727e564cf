package io.harpoon.exapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.harpoon.exapp.compute.ComputeFailure;
import io.harpoon.exapp.compute.SearchHits;
import io.harpoon.exapp.vectors.CollectionStore;
import io.harpoon.exapp.vectors.Metric;
import io.harpoon.exapp.vectors.VectorCollection;
import io.harpoon.exapp.vectors.VectorLimits;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vector API as JSON over the {@link CollectionStore}. Netty types appear only as method and status values.
 *
 * <pre>
 *   GET    /v1/collections                         {"collections":[{"name","dimension","count","resident_bytes"}]}
 *   PUT    /v1/collections/{name}   {"dimension":384}            201 created / 200 exists / 409 other dimension
 *   GET    /v1/collections/{name}                  {"name","dimension","count","resident_bytes"}
 *   DELETE /v1/collections/{name}                  {"deleted":true}
 *   POST   /v1/collections/{name}/vectors
 *          {"vectors":[{"id":7,"vector":[0.1,...]}, ...]}     {"upserted":n,"count":N}
 *   POST   /v1/collections/{name}/delete {"ids":[7,8]}       {"deleted":n,"count":N}
 *   POST   /v1/collections/{name}/search
 *          {"queries":[[...],[...]],"k":10,"metric":"cosine"|"inner_product"}
 *          {"backend":"cuda","metric":"cosine","k":10,"results":[[{"id":7,"score":0.93},...],...]}
 * </pre>
 *
 * Errors: {@code {"error":"field: value (expected: ...)"}} with 400 (bad input), 404 (no such collection),
 * 409 (dimension conflict, too many collections), 503 (the compute device failed), 500 (storage failed).
 */
final class VectorApi {
    private static final Pattern COLLECTION = Pattern.compile("/v1/collections/([^/]+)(/vectors|/delete|/search)?");

    private final CollectionStore store;

    VectorApi(CollectionStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** The reply for a path under {@code /v1/collections}, or empty when the path is not one of them. */
    Optional<Reply> route(HttpMethod method, String path, byte[] body) {
        try {
            if ("/v1/collections".equals(path)) {
                return Optional.of(method.equals(HttpMethod.GET) ? list() : notAllowed(method, path));
            }
            Matcher m = COLLECTION.matcher(path);
            if (!m.matches()) {
                return Optional.empty();
            }
            String name = m.group(1);
            String action = m.group(2) == null ? "" : m.group(2);
            return Optional.of(switch (action) {
                case "" -> {
                    if (method.equals(HttpMethod.PUT)) {
                        yield create(name, json(body));
                    } else if (method.equals(HttpMethod.GET)) {
                        yield Reply.ok(describe(collection(name)));
                    } else if (method.equals(HttpMethod.DELETE)) {
                        yield store.delete(name) ? Reply.ok(Reply.JSON.createObjectNode().put("deleted", true))
                                : missing(name);
                    }
                    yield notAllowed(method, path);
                }
                case "/vectors" -> method.equals(HttpMethod.POST) ? upsert(collection(name), json(body)) : notAllowed(method, path);
                case "/delete" -> method.equals(HttpMethod.POST) ? delete(collection(name), json(body)) : notAllowed(method, path);
                default -> method.equals(HttpMethod.POST) ? search(collection(name), json(body)) : notAllowed(method, path);
            });
        } catch (NoSuchCollection e) {
            return Optional.of(missing(e.getMessage()));
        } catch (IllegalArgumentException e) {
            return Optional.of(Reply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (IllegalStateException e) {
            return Optional.of(Reply.error(HttpResponseStatus.CONFLICT, e.getMessage()));
        } catch (ComputeFailure e) {
            return Optional.of(Reply.error(HttpResponseStatus.SERVICE_UNAVAILABLE, e.getMessage()));
        } catch (IOException e) {
            return Optional.of(Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "storage: " + e.getMessage()));
        }
    }

    private Reply list() {
        ObjectNode root = Reply.JSON.createObjectNode();
        ArrayNode arr = root.putArray("collections");
        for (VectorCollection c : store.list()) {
            arr.add(describe(c));
        }
        return Reply.ok(root);
    }

    private Reply create(String name, JsonNode body) throws IOException {
        int dimension = intField(body, "dimension");
        CollectionStore.Created r = store.create(name, dimension);
        return new Reply(r.created() ? HttpResponseStatus.CREATED : HttpResponseStatus.OK, describe(r.collection()));
    }

    private Reply upsert(VectorCollection c, JsonNode body) throws IOException {
        JsonNode vectors = body.get("vectors");
        if (vectors == null || !vectors.isArray()) {
            throw new IllegalArgumentException("vectors: " + vectors + " (expected: array of {id, vector})");
        }
        int n = vectors.size();
        int dim = c.dimension();
        long[] ids = new long[n];
        float[] rows = new float[Math.multiplyExact(n, dim)];
        for (int i = 0; i < n; i++) {
            JsonNode v = vectors.get(i);
            JsonNode id = v.get("id");
            if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
                throw new IllegalArgumentException("vectors[" + i + "].id: " + id + " (expected: integer >= 0)");
            }
            ids[i] = id.longValue();
            floats(v.get("vector"), dim, rows, i * dim, "vectors[" + i + "].vector");
        }
        int count = c.upsert(ids, rows);
        return Reply.ok(Reply.JSON.createObjectNode().put("upserted", n).put("count", count));
    }

    private Reply delete(VectorCollection c, JsonNode body) throws IOException {
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray()) {
            throw new IllegalArgumentException("ids: " + ids + " (expected: array of integers)");
        }
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode id = ids.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw new IllegalArgumentException("ids[" + i + "]: " + id + " (expected: integer)");
            }
            out[i] = id.longValue();
        }
        int removed = c.delete(out);
        return Reply.ok(Reply.JSON.createObjectNode().put("deleted", removed).put("count", c.count()));
    }

    private Reply search(VectorCollection c, JsonNode body) {
        JsonNode queries = body.get("queries");
        if (queries == null || !queries.isArray() || queries.isEmpty() || queries.size() > VectorLimits.MAX_QUERIES) {
            throw new IllegalArgumentException("queries: " + (queries == null ? "missing" : queries.size() + " entries")
                    + " (expected: array of 1.." + VectorLimits.MAX_QUERIES + " vectors)");
        }
        int k = body.has("k") ? intField(body, "k") : 10;
        Metric metric = body.has("metric") ? Metric.parse(body.get("metric").asText()) : Metric.COSINE;
        int nq = queries.size();
        int dim = c.dimension();
        float[] q = new float[nq * dim];
        for (int i = 0; i < nq; i++) {
            floats(queries.get(i), dim, q, i * dim, "queries[" + i + "]");
        }
        SearchHits[] hits = c.search(q, nq, k, metric);
        ObjectNode root = Reply.JSON.createObjectNode();
        root.put("backend", store.backend().kind().wireName()).put("metric", metric.wireName()).put("k", k);
        ArrayNode results = root.putArray("results");
        for (SearchHits h : hits) {
            ArrayNode row = results.addArray();
            for (int j = 0; j < h.size(); j++) {
                row.addObject().put("id", h.ids()[j]).put("score", h.scores()[j]);
            }
        }
        return Reply.ok(root);
    }

    private static void floats(JsonNode arr, int dim, float[] out, int offset, String field) {
        if (arr == null || !arr.isArray() || arr.size() != dim) {
            throw new IllegalArgumentException(field + ": " + (arr == null || !arr.isArray() ? "not an array"
                    : arr.size() + " components") + " (expected: " + dim + " numbers)");
        }
        for (int d = 0; d < dim; d++) {
            JsonNode x = arr.get(d);
            if (!x.isNumber()) {
                throw new IllegalArgumentException(field + "[" + d + "]: " + x + " (expected: number)");
            }
            out[offset + d] = x.floatValue();
        }
    }

    private static int intField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: integer)");
        }
        return v.intValue();
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode n = Reply.JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("body: not a JSON object (expected: {...})");
            }
            return n;
        } catch (IOException e) {
            throw new IllegalArgumentException("body: invalid JSON (expected: a JSON object)");
        }
    }

    private VectorCollection collection(String name) {
        return store.get(name).orElseThrow(() -> new NoSuchCollection(name));
    }

    private static ObjectNode describe(VectorCollection c) {
        return Reply.JSON.createObjectNode().put("name", c.name()).put("dimension", c.dimension())
                .put("count", c.count()).put("resident_bytes", c.residentBytes());
    }

    private static Reply missing(String name) {
        return Reply.error(HttpResponseStatus.NOT_FOUND, "collection: " + name + " (expected: an existing collection)");
    }

    private static Reply notAllowed(HttpMethod method, String path) {
        return Reply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method: " + method + " (not allowed on " + path + ")");
    }

    /** A path named a collection that does not exist. */
    private static final class NoSuchCollection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchCollection(String name) {
            super(name, null, false, false);
        }
    }
}
