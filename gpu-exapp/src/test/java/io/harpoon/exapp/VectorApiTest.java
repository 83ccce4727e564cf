package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vector endpoints end to end over HTTP, including a restart on the same storage. */
class VectorApiTest {
    @TempDir
    Path storage;

    private static final String VECTORS = """
            {"vectors":[
              {"id":10,"vector":[1,0,0]},
              {"id":11,"vector":[0,1,0]},
              {"id":12,"vector":[0,0,2]},
              {"id":5,"vector":[2,0,0]},
              {"id":13,"vector":[1,1,0]}]}""";

    @Test
    void createUpsertSearchDeleteAndReload() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            JsonNode created = h.ok("PUT", "/v1/collections/docs", "{\"dimension\":3}", 201);
            assertEquals(3, created.get("dimension").asInt());
            h.ok("PUT", "/v1/collections/docs", "{\"dimension\":3}", 200);
            h.ok("PUT", "/v1/collections/docs", "{\"dimension\":4}", 409);
            assertEquals(5, h.ok("POST", "/v1/collections/docs/vectors", VECTORS, 200).get("count").asInt());

            JsonNode cos = h.ok("POST", "/v1/collections/docs/search",
                    "{\"queries\":[[3,0,0],[0,0,1]],\"k\":3,\"metric\":\"cosine\"}", 200);
            assertEquals("cpu", cos.get("backend").asText());
            JsonNode first = cos.get("results").get(0);
            assertEquals(5, first.get(0).get("id").asLong(), "ids 5 and 10 tie at cosine 1: ascending id");
            assertEquals(10, first.get(1).get("id").asLong());
            assertEquals(1.0, first.get(0).get("score").asDouble(), 1e-6);
            assertEquals(13, first.get(2).get("id").asLong());
            assertEquals(Math.sqrt(0.5), first.get(2).get("score").asDouble(), 1e-6);
            assertEquals(12, cos.get("results").get(1).get(0).get("id").asLong());

            JsonNode ip = h.ok("POST", "/v1/collections/docs/search",
                    "{\"queries\":[[1,0,0]],\"k\":2,\"metric\":\"inner_product\"}", 200);
            assertEquals(5, ip.get("results").get(0).get(0).get("id").asLong());
            assertEquals(2.0, ip.get("results").get(0).get(0).get("score").asDouble(), 1e-6);

            JsonNode del = h.ok("POST", "/v1/collections/docs/delete", "{\"ids\":[5,99]}", 200);
            assertEquals(1, del.get("deleted").asInt());
            assertEquals(4, del.get("count").asInt());
            JsonNode list = h.ok("GET", "/v1/collections", null, 200);
            assertEquals("docs", list.get("collections").get(0).get("name").asText());
        }
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            assertEquals(4, h.ok("GET", "/v1/collections/docs", null, 200).get("count").asInt(), "reloaded at start");
            JsonNode cos = h.ok("POST", "/v1/collections/docs/search", "{\"queries\":[[3,0,0]],\"k\":1}", 200);
            assertEquals(10, cos.get("results").get(0).get(0).get("id").asLong(), "id 5 stayed deleted");
            assertEquals("cosine", cos.get("metric").asText(), "cosine by default");
            h.ok("DELETE", "/v1/collections/docs", null, 200);
            h.ok("GET", "/v1/collections/docs", null, 404);
        }
    }

    @Test
    void badInputIsA400WithTheField() throws Exception {
        try (ExAppHarness h = ExAppHarness.start(storage, "CPU", null)) {
            h.ok("PUT", "/v1/collections/d", "{\"dimension\":2}", 201);
            assertError(h.ok("PUT", "/v1/collections/Bad%20Name", "{\"dimension\":2}", 400), "name:");
            assertError(h.ok("PUT", "/v1/collections/e", "{\"dimension\":0}", 400), "dimension: 0");
            assertError(h.ok("PUT", "/v1/collections/e", "not json", 400), "body:");
            assertError(h.ok("POST", "/v1/collections/d/vectors", "{\"vectors\":[{\"id\":1,\"vector\":[1]}]}", 400),
                    "vectors[0].vector: 1 components (expected: 2 numbers)");
            assertError(h.ok("POST", "/v1/collections/d/vectors", "{\"vectors\":[{\"id\":-3,\"vector\":[1,2]}]}", 400),
                    "id: -3 (expected: >= 0)");
            assertError(h.ok("POST", "/v1/collections/d/vectors", "{\"vectors\":[{\"id\":1.5,\"vector\":[1,2]}]}", 400),
                    "vectors[0].id");
            assertError(h.ok("POST", "/v1/collections/d/search", "{\"queries\":[[1,2]],\"k\":0}", 400), "k: 0");
            assertError(h.ok("POST", "/v1/collections/d/search", "{\"queries\":[[1,2]],\"k\":257}", 400), "k: 257");
            assertError(h.ok("POST", "/v1/collections/d/search", "{\"queries\":[[1,2]],\"metric\":\"l2\"}", 400), "metric: l2");
            assertError(h.ok("POST", "/v1/collections/d/search", "{\"queries\":[]}", 400), "queries:");
            assertError(h.ok("POST", "/v1/collections/nope/search", "{\"queries\":[[1,2]]}", 404), "collection: nope");
            h.ok("GET", "/v1/collections/d/search", null, 405);
            JsonNode empty = h.ok("POST", "/v1/collections/d/search", "{\"queries\":[[1,2]]}", 200);
            assertEquals(0, empty.get("results").get(0).size(), "empty collection: no hits");
        }
    }

    private static void assertError(JsonNode body, String expected) {
        String e = body.get("error").asText();
        assertTrue(e.contains(expected), "error '" + e + "' should contain '" + expected + "'");
    }
}
