package io.harpoon.engines.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The create body's defaults and aliases (spec §8.4): what AppAPI may leave out. */
class CreateSpecTest {
    static CreateSpec parse(String json) throws Exception {
        return CreateSpec.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void defaultsAreHarps() throws Exception {
        CreateSpec s = parse("{\"name\":\"app\",\"image_id\":\"img:1\",\"start_container\":true}");
        assertEquals("bridge", s.networkMode());
        assertEquals("unless-stopped", s.restartPolicy());
        assertEquals("cpu", s.computeDevice());
        assertEquals(List.of(), s.env());
        assertEquals(List.of(), s.mounts());
        assertEquals(0, s.memoryBytes());
        assertEquals(0, s.nanoCpus());
        assertEquals("nc_app_app", s.request().container());
        assertEquals("nc_app_app_data", s.request().volume());
    }

    @Test
    void imageAliasDeviceCaseAndLimits() throws Exception {
        CreateSpec s = parse("{\"name\":\"app\",\"image\":\"img:2\",\"compute_device\":\"CUDA\","
                + "\"mount_points\":[{\"source\":\"/a\",\"target\":\"/b\",\"mode\":\"ro\"}],"
                + "\"resource_limits\":{\"memory\":1073741824,\"nanoCPUs\":2000000000}}");
        assertEquals("img:2", s.image());
        assertEquals("cuda", s.computeDevice());
        assertEquals(List.of(new CreateSpec.MountPoint("/a", "/b", true)), s.mounts());
        assertEquals(1L << 30, s.memoryBytes());
        assertEquals(2_000_000_000L, s.nanoCpus());
        assertThrows(PayloadException.class, () -> parse("{\"name\":\"app\",\"image\":\"i\","
                + "\"resource_limits\":{\"memory\":-1}}"));
        assertThrows(PayloadException.class, () -> parse("{\"name\":\"app\",\"image\":\"i\","
                + "\"environment_variables\":[\"NOEQUALS\"]}"));
        assertThrows(PayloadException.class, () -> parse("{\"name\":\"app\",\"image\":\"i\","
                + "\"mount_points\":[{\"source\":\"/a\",\"target\":\"/b\",\"mode\":\"rx\"}]}"));
    }
}
