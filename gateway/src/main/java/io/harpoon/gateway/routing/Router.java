package io.harpoon.gateway.routing;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.config.SharedKey;
import io.harpoon.gateway.exapp.ExAppRecord;
import io.harpoon.gateway.exapp.MetaResult;
import io.harpoon.gateway.exapp.MetadataStore;
import io.harpoon.gateway.exapp.Route;
import io.harpoon.gateway.exapp.UserInfo;
import io.harpoon.gateway.exapp.UserLookup;
import io.harpoon.gateway.security.BanList;
import io.harpoon.gateway.security.ClientAddresses;
import io.harpoon.gateway.upstream.ExAppTarget;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-request decision of spec §7–§9 (HaRP's SPOE agent), as a function of {@link ExAppRequest}.
 *
 * <pre>
 *  banned? ──► drop          ".." ──► drop (+failure)       no /exapps/&lt;id&gt; ──► 404 (+failure)
 *  app_api ──► key? 401 : docker-engine-port &amp;&amp; !/docker/ ? pass-through : control API
 *  signed  ──► key? drop : forward (record or temporary record from ex-app-host/port)
 *  else    ──► /heartbeat|/init|/enabled drop ─► meta ─► user ─► first matching route ─► forward | 403 | 404
 * </pre>
 *
 * "+failure" is skipped when the request carries a valid {@code harp-shared-key} (PR #100).
 */
public final class Router {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    /** The six headers of an AppAPI-signed request (§9.2). */
    static final List<String> SIGNED_HEADERS = List.of("ex-app-version", "ex-app-id", "ex-app-host", "ex-app-port",
            "authorization-app-api", "harp-shared-key");
    /** Never forwarded to ExApps or engines (§16 Q3). */
    static final Set<String> SECRET_HEADERS = Set.of("harp-shared-key", "ex-app-host", "ex-app-port");
    static final Set<String> LIFECYCLE_PATHS = Set.of("/heartbeat", "/init", "/enabled");
    public static final String AA_VERSION = "32";

    private final SharedKey key;
    private final ClientAddresses addresses;
    private final BanList bans;
    private final MetadataStore metadata;
    private final UserLookup users;
    private final boolean forwardClientIp;
    private final boolean routeMethodCheck;
    private final EngineRoutes engines;

    public Router(SharedKey key, ClientAddresses addresses, BanList bans, MetadataStore metadata, UserLookup users,
            boolean forwardClientIp) {
        this(key, addresses, bans, metadata, users, forwardClientIp, false);
    }

    /** @param routeMethodCheck enforce a record's route {@code verb} (spec §16 Q2, HARPOON_ROUTE_METHOD_CHECK) */
    public Router(SharedKey key, ClientAddresses addresses, BanList bans, MetadataStore metadata, UserLookup users,
            boolean forwardClientIp, boolean routeMethodCheck) {
        this(key, addresses, bans, metadata, users, forwardClientIp, routeMethodCheck, EngineRoutes.DIRECT);
    }

    /** @param engines where Docker pass-through calls go (version negotiation, the scheduler's pool) */
    public Router(SharedKey key, ClientAddresses addresses, BanList bans, MetadataStore metadata, UserLookup users,
            boolean forwardClientIp, boolean routeMethodCheck, EngineRoutes engines) {
        this.engines = requireNonNull(engines, "engines");
        this.key = requireNonNull(key, "key");
        this.addresses = requireNonNull(addresses, "addresses");
        this.bans = requireNonNull(bans, "bans");
        this.metadata = requireNonNull(metadata, "metadata");
        this.users = requireNonNull(users, "users");
        this.forwardClientIp = forwardClientIp;
        this.routeMethodCheck = routeMethodCheck;
    }

    /** The true client address of {@code r} (§10.3). */
    public InetAddress client(ExAppRequest r) {
        return addresses.resolve(r.peer(), r.header("x-forwarded-for"), r.header("x-real-ip"));
    }

    /**
     * Metrics tag for a request URI: {@code app_api}, the lower-cased id of an ExApp with cached metadata, or
     * {@code unknown} (so that scanners cannot create unbounded series).
     */
    public String appTag(String uri) {
        int q = uri.indexOf('?');
        Optional<Paths.Split> split = Paths.split(q < 0 ? uri : uri.substring(0, q));
        if (split.isEmpty()) {
            return "unknown";
        }
        String lower = split.get().appId().toLowerCase(Locale.ROOT);
        return lower.equals("app_api") || metadata.cached(lower).isPresent() ? lower : "unknown";
    }

    /** Decision for a request on 8780/8781. */
    public CompletableFuture<Decision> decide(ExAppRequest r) {
        InetAddress client = client(r);
        if (bans.isBanned(client)) {
            return done(new Decision.Drop("banned"));
        }
        boolean keyValid = key.matches(r.header("harp-shared-key"));
        if (Paths.hasDotDotSegment(r.path())) {
            failUnless(keyValid, client);
            return done(new Decision.Drop("dot-dot segment"));
        }
        Optional<Paths.Split> split = Paths.split(r.path());
        if (split.isEmpty()) {
            LOG.info("no /exapps/<appid> in path {} (is the outer proxy forwarding the full path?)", r.path());
            failUnless(keyValid, client);
            return done(Responses.NOT_FOUND);
        }
        String appId = split.get().appId();
        String target = split.get().targetPath();
        if (appId.toLowerCase(Locale.ROOT).equals("app_api")) {
            return done(controlPlane(r, target, keyValid, client));
        }
        boolean signed = SIGNED_HEADERS.stream().allMatch(r::hasHeader);
        return signed ? signed(r, appId, target, keyValid, client) : unsigned(r, appId, target, keyValid, client);
    }

    /** Decision for the internal control listener (127.0.0.1:8200): control API paths without prefix. */
    public CompletableFuture<Decision> decideInternal(ExAppRequest r) {
        InetAddress client = client(r);
        if (bans.isBanned(client)) {
            return done(new Decision.Drop("banned"));
        }
        return done(new Decision.Control(r.method(), r.path(), r.query(), r.headers(), client));
    }

    private Decision controlPlane(ExAppRequest r, String target, boolean keyValid, InetAddress client) {
        if (!keyValid) {
            bans.recordFailure(client);
            return Responses.UNAUTHORIZED;
        }
        String enginePort = r.header("docker-engine-port");
        if (enginePort == null || target.startsWith("/docker/")) {
            return new Decision.Control(r.method(), target, r.query(), r.headers(), client);
        }
        if (!DockerWhitelist.allowed(r.method(), target)) {
            return Responses.FORBIDDEN;
        }
        int port;
        try {
            port = Integer.parseInt(enginePort.strip());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || !engines.accepts(port)) {
            return Decision.Respond.text(400, "docker-engine-port: " + enginePort + " (expected: "
                    + engines.describePorts() + ")");
        }
        return switch (engines.route(port, r.method(), target)) {
            case EngineRoutes.Target.Answer a -> a.response();
            case EngineRoutes.Target.Engine e -> new Decision.Forward("app_api",
                    new ExAppTarget("docker-engine-" + e.port(), "127.0.0.1", e.port()), uri(e.path(), r.query()),
                    Map.of(), SECRET_HEADERS, List.of(), client);
        };
    }

    private CompletableFuture<Decision> signed(ExAppRequest r, String appId, String target, boolean keyValid,
            InetAddress client) {
        if (!keyValid) {
            bans.recordFailure(client); // §16 Q4: the true client, not the direct peer
            return done(new Decision.Drop("signed request with a wrong shared key"));
        }
        String lower = appId.toLowerCase(Locale.ROOT);
        return metadata.lookup(lower).thenApply(meta -> {
            ExAppRecord rec = meta instanceof MetaResult.Found f ? f.record() : temporaryRecord(r);
            if (rec == null) {
                return Responses.NOT_FOUND;
            }
            Map<String, String> set = new HashMap<>();
            set.put("ex-app-id", appId);
            set.put("ex-app-version", rec.version());
            set.put("aa-version", AA_VERSION);
            clientIp(set, client);
            return new Decision.Forward(lower, new ExAppTarget(lower, rec.host(), rec.port()),
                    uri(target, r.query()), set, SECRET_HEADERS, List.of(), client);
        });
    }

    private static ExAppRecord temporaryRecord(ExAppRequest r) {
        try {
            return new ExAppRecord("", r.header("ex-app-version"), r.header("ex-app-host").strip(),
                    Integer.parseInt(r.header("ex-app-port").strip()), List.of());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private CompletableFuture<Decision> unsigned(ExAppRequest r, String appId, String target, boolean keyValid,
            InetAddress client) {
        if (LIFECYCLE_PATHS.contains(target)) {
            bans.recordFailure(client);
            return done(new Decision.Drop("unsigned lifecycle call " + target));
        }
        String lower = appId.toLowerCase(Locale.ROOT);
        return metadata.lookup(lower).thenCompose(meta -> switch (meta) {
            case MetaResult.Unknown u -> {
                failUnless(keyValid, client);
                yield done(Responses.NOT_FOUND);
            }
            case MetaResult.Unavailable u -> {
                LOG.warn("metadata for {} unavailable: {}", lower, u.reason());
                yield done(Responses.UNAVAILABLE);
            }
            case MetaResult.Found f -> users
                    .resolve(lower, r.sessionCookie(), r.hasHeader("authorization"), r.headers())
                    .handle((user, err) -> {
                        if (err != null) {
                            LOG.warn("user-info for {} failed: {}", lower, err.toString());
                            return Responses.UNAVAILABLE; // §16 Q13
                        }
                        return routeAcl(r, appId, lower, target, f.record(), user, client);
                    });
        });
    }

    private Decision routeAcl(ExAppRequest r, String appId, String lower, String target, ExAppRecord rec,
            UserInfo user, InetAddress client) {
        for (Route route : rec.routes()) {
            if (!route.matches(target)) {
                continue;
            }
            if (user.level().compareTo(route.accessLevel()) < 0
                    || routeMethodCheck && !route.allowsMethod(r.method())) {
                bans.recordFailure(client);
                return Responses.FORBIDDEN;
            }
            Map<String, String> set = new HashMap<>();
            String auth = user.userId() + ":" + rec.token();
            set.put("authorization-app-api",
                    Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
            set.put("ex-app-id", appId);
            set.put("ex-app-version", rec.version());
            set.put("aa-version", AA_VERSION);
            clientIp(set, client);
            Set<String> remove = new java.util.HashSet<>(SECRET_HEADERS);
            remove.add("aa-request-id"); // §16 Q17
            return new Decision.Forward(lower, new ExAppTarget(lower, rec.host(), rec.port()),
                    uri(target, r.query()), set, remove, route.bruteforceProtection(), client);
        }
        bans.recordFailure(client);
        return Responses.NOT_FOUND;
    }

    private void clientIp(Map<String, String> set, InetAddress client) {
        if (forwardClientIp) {
            set.put("x-forwarded-for", io.harpoon.gateway.config.Ips.canonical(client));
        }
    }

    private void failUnless(boolean keyValid, InetAddress client) {
        if (!keyValid) {
            bans.recordFailure(client);
        }
    }

    private static String uri(String path, String query) {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static CompletableFuture<Decision> done(Decision d) {
        return CompletableFuture.completedFuture(d);
    }
}
