package io.harpoon.gateway.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Standalone mode (no {@code NC_INSTANCE_URL}): ExApp records come from {@code HP_EXAPPS_FILE}, a JSON object
 * {@code {"<app id>": <exapp-meta record>, …}}; every user is anonymous, so only PUBLIC routes are reachable.
 */
public final class StandaloneNextcloud implements NextcloudApi {
    private final Map<String, ExAppRecord> records;

    public StandaloneNextcloud(Map<String, ExAppRecord> records) {
        this.records = Map.copyOf(records);
    }

    /** Loads the file; a missing path means no ExApps. {@link IllegalArgumentException} names the bad entry. */
    public static StandaloneNextcloud load(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object of app id -> record");
        }
        Map<String, ExAppRecord> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey().toLowerCase(Locale.ROOT), ExAppRecord.fromJson(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(file + ": " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return new StandaloneNextcloud(out);
    }

    @Override
    public CompletableFuture<MetaResult> exAppMeta(String appIdLower) {
        ExAppRecord r = records.get(appIdLower);
        return CompletableFuture.completedFuture(r == null ? new MetaResult.Unknown() : new MetaResult.Found(r));
    }

    @Override
    public CompletableFuture<UserInfo> userInfo(String appIdLower, Map<String, String> clientHeaders) {
        return CompletableFuture.completedFuture(UserInfo.ANONYMOUS);
    }
}
