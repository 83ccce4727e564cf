package io.harpoon.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * appinfo/info.xml: well-formed, required routes present, and the access level HaRP would apply to each of the
 * app's paths (first match, anchored at the start like Python's re.match) is the intended one.
 */
class InfoXmlTest {
    record Route(Pattern url, String verbs, String access) {
    }

    private static List<Route> routes(Document doc) {
        List<Route> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName("route");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element r = (Element) nodes.item(i);
            out.add(new Route(Pattern.compile(text(r, "url")), text(r, "verb"), text(r, "access_level")));
        }
        return out;
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    private static String access(List<Route> routes, String path) {
        for (Route r : routes) {
            if (r.url().matcher(path).lookingAt()) {
                return r.access();
            }
        }
        return "none";
    }

    @Test
    void routesGiveTheIntendedAccessLevels() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("appinfo/info.xml").toFile());
        assertEquals("harpoon_vectors", doc.getElementsByTagName("id").item(0).getTextContent());
        List<Route> routes = routes(doc);
        assertEquals(3, routes.size());
        for (Route r : routes) {
            assertTrue(List.of("PUBLIC", "USER", "ADMIN").contains(r.access()), r.toString());
        }
        assertEquals("USER", access(routes, "/v1/info"));
        assertEquals("USER", access(routes, "/v1/collections/docs/search"));
        assertEquals("ADMIN", access(routes, "/v1/collections"));
        assertEquals("ADMIN", access(routes, "/v1/collections/docs"), "create and delete: admins only, whatever the verb");
        assertEquals("ADMIN", access(routes, "/v1/collections/docs/vectors"));
        assertEquals("ADMIN", access(routes, "/v1/collections/docs/delete"));
        assertEquals("ADMIN", access(routes, "/v1/collections/docs/search/../vectors"), "no USER route via dot segments");
        for (String lifecycle : List.of("/heartbeat", "/init", "/enabled")) {
            assertEquals("none", access(routes, lifecycle), lifecycle + " is AppAPI's, never routed from outside");
        }
    }
}
