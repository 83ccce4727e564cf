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
public record Route(String url, AccessLevel accessLevel, List<Integer> bruteforceProtection, Optional<Pattern> pattern) {
    private static final Logger LOG = LoggerFactory.getLogger(Route.class);

    public Route {
        bruteforceProtection = List.copyOf(bruteforceProtection);
    }

    public static Route of(String url, AccessLevel level, List<Integer> bruteforce) {
        return new Route(url, level, bruteforce, compile(url));
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
        return of(url.asText(), AccessLevel.of(level), bp);
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
