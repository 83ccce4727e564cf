package io.harpoon.gateway.routing;

/** The exact local answers of spec §6.1 (HaRP's HAProxy {@code http-request return} bodies). */
public final class Responses {
    public static final Decision.Respond UNAUTHORIZED = Decision.Respond.text(401, "401 Unauthorized");
    public static final Decision.Respond FORBIDDEN = Decision.Respond.text(403, "403 Forbidden");
    public static final Decision.Respond NOT_FOUND = Decision.Respond.text(404, "404 Not Found");
    public static final Decision.Respond UNAVAILABLE = Decision.Respond.text(503, "503 Service Unavailable (HaRP)");
    public static final Decision.Respond GATEWAY_TIMEOUT = Decision.Respond.text(504, "504 Gateway Time-out");
    public static final Decision.Respond BAD_REQUEST = Decision.Respond.text(400, "400 Bad Request");

    private Responses() {
    }
}
