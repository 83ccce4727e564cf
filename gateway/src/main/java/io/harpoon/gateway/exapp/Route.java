package io.harpoon.gateway.exapp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ACL entry of an ExApp. {@code url} is a Python regular expression matched with {@code re.match} semantics
 * (anchored at the start only) against the target path without its leading slash handling changed (spec §9.3,
 * §16 Q11). An uncompilable pattern is logged once and never matches.
 */
public record Route(String url, AccessLevel accessLevel, List<Integer> bruteforceProtection, List<String> verbs,
        Optional<Pattern> pattern) {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    public Route {
        bruteforceProtection = List.copyOf(bruteforceProtection);
        verbs = List.copyOf(verbs);
    }

    public static Route of(String url, AccessLevel level, List<Integer> bruteforce) {
        return new Route(url, level, bruteforce, List.of(), compile(url));
    }

    /**
     * True when the route declares no {@code verb} or lists {@code method} (comma list, case-insensitive). Only
     * consulted with {@code HARPOON_ROUTE_METHOD_CHECK=true} (spec §16 Q2).
     */
    public boolean allowsMethod(String method) {
        return verbs.isEmpty() || verbs.contains(method.toUpperCase(java.util.Locale.ROOT));
    }

    static Route fromJson(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new IllegalArgumentException("routes[]: " + r + " (expected: object)");
        }
        JsonNode url = r.get("url");
        if (url == null || !url.isTextual()) {
            throw new IllegalArgumentException("routes[].url: " + url + " (expected: string)");
        }
        JsonNode lvl = r.get("access_level");
        int level = lvl == null || lvl.isNull() ? 0 : lvl.asInt(-1);
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("routes[].access_level: " + lvl + " (expected: 0, 1 or 2)");
        }
        List<Integer> bp = new ArrayList<>();
        JsonNode b = r.get("bruteforce_protection");
        if (b != null && b.isTextual()) {
            b = parseJsonText(b.asText());
        }
        if (b != null && b.isArray()) {
            for (JsonNode s : b) {
                bp.add(s.asInt());
            }
        }
        List<String> verbs = new ArrayList<>();
        JsonNode verb = r.get("verb");
        if (verb != null && verb.isTextual()) {
            for (String v : verb.asText().split(",")) {
                if (!v.isBlank()) {
                    verbs.add(v.strip().toUpperCase(java.util.Locale.ROOT));
                }
            }
        }
        return new Route(url.asText(), AccessLevel.of(level), bp, verbs, compile(url.asText()));
    }

    private static JsonNode parseJsonText(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            return null;
        }
    }

    /** Python {@code re.match}: anchored at the start only. */
    public boolean matches(String targetPath) {
        return pattern.map(p -> p.matcher(targetPath).lookingAt()).orElse(false);
    }

    static Optional<Pattern> compile(String pythonRegex) {
        String java = pythonRegex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
        try {
            return Optional.of(Pattern.compile(java));
        } catch (PatternSyntaxException e) {
            LOG.warn("route url {} does not compile, skipped: {}", pythonRegex, e.getDescription());
            return Optional.empty();
        }
    }
}
