package io.harpoon.gateway.pool;

import static java.util.Objects.requireNonNull;

import io.harpoon.gateway.routing.Decision;
import io.harpoon.gateway.routing.EngineRoutes;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker pass-through on the pool port (the whitelist, spec §8.3, has already run): the pool answers
 * {@code _ping} itself, sends container inspect and logs to the engine the container was placed on, and image
 * checks and pulls to the lowest UP engine. Everything else, and every engine port, goes to the engine routing
 * (which negotiates the API version of the real engine).
 *
 * <table>
 *   <caption>Pool pass-through</caption>
 *   <tr><td>GET/HEAD /_ping</td><td>200 {@code OK} from the gateway</td></tr>
 *   <tr><td>/containers/NAME/json|logs</td><td>its engine; a container the pool never created: 404
 *       {@code {"message":"No such container: NAME"}}, as an engine answers</td></tr>
 *   <tr><td>/images/REF/json, POST /images/create</td><td>lowest UP engine; none: 503. One pass-through reaches
 *       one engine, so a pull lands there only; an engine without the image fails {@code create} with the
 *       engine's own error (pre-load images on every engine, or pull through each engine's own daemon)</td></tr>
 * </table>
 */
public final class PoolRouting implements EngineRoutes {
    private static final Pattern CONTAINER = Pattern.compile("^(?:/v[0-9.]+)?/containers/([^/]+)/(?:json|logs)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PING = Pattern.compile("^(?:/v[0-9.]+)?/_ping$", Pattern.CASE_INSENSITIVE);

    private final EngineRoutes engines;
    private final Pool pool;
    private final int poolPort;

    public PoolRouting(EngineRoutes engines, Pool pool, int poolPort) {
        this.engines = requireNonNull(engines, "engines");
        this.pool = requireNonNull(pool, "pool");
        this.poolPort = poolPort;
    }

    @Override
    public boolean accepts(int port) {
        return port == poolPort || engines.accepts(port);
    }

    @Override
    public String describePorts() {
        return engines.describePorts() + " or the pool " + poolPort;
    }

    @Override
    public Target route(int port, String method, String path) {
        if (port != poolPort) {
            return engines.route(port, method, path);
        }
        if (PING.matcher(path).matches()) {
            return new Target.Answer(Decision.Respond.text(200, "OK"));
        }
        Matcher m = CONTAINER.matcher(path);
        if (m.matches()) {
            String name = m.group(1);
            Optional<Pool.Route> r = pool.route(name).filter(x -> x.port() > 0);
            if (r.isEmpty()) {
                return new Target.Answer(Decision.Respond.json(404, "{\"message\":\"No such container: "
                        + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"));
            }
            return engines.route(r.get().port(), method, path);
        }
        OptionalInt first = pool.firstUpEngine();
        if (first.isEmpty()) {
            return new Target.Answer(Decision.Respond.json(503, "{\"message\":\"no Docker engine is up behind the "
                    + "pool (port " + poolPort + ")\"}"));
        }
        return engines.route(first.getAsInt(), method, path);
    }
}
