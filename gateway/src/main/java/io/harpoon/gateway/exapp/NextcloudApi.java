package io.harpoon.gateway.exapp;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The two Nextcloud calls HaRP makes (spec §9.1, §9.3). Implementations: {@link NextcloudHttpClient} against
 * {@code NC_INSTANCE_URL}, {@link StandaloneNextcloud} from {@code HP_EXAPPS_FILE}.
 */
public interface NextcloudApi {
    /** {@code GET …/harp/exapp-meta?appId=<lower>} with the shared key. */
    CompletableFuture<MetaResult> exAppMeta(String appIdLower);

    /**
     * {@code GET …/harp/user-info?appId=<lower>} forwarding the client's headers. Completes with the user;
     * Nextcloud 4xx → anonymous; 5xx, network error or bad JSON → completes exceptionally.
     */
    CompletableFuture<UserInfo> userInfo(String appIdLower, Map<String, String> clientHeaders);
}
