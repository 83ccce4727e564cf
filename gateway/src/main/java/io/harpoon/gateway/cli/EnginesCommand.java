package io.harpoon.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code harpoon engines}: the Docker engines a running gateway knows (admin {@code GET /engines}), as a table or
 * the raw JSON. Exit 0 with the listing, 1 when the gateway cannot be asked.
 */
@Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the Docker engines of a running gateway: port, status, API version, CPUs, memory, GPUs.")
public final class EnginesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--admin", description = "Admin address of the gateway (default: $HARPOON_ADMIN_ADDRESS or "
            + "127.0.0.1:8790).")
    String admin = System.getenv().getOrDefault("HARPOON_ADMIN_ADDRESS", "127.0.0.1:8790");

    @Option(names = "--json", description = "Print the JSON the gateway returns.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String host = admin.startsWith("0.0.0.0:") ? "127.0.0.1" + admin.substring(7) : admin;
        String body;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create("http://" + host + "/engines")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                err.println("harpoon engines: " + host + "/engines answered " + r.statusCode());
                return 1;
            }
            body = r.body();
        } catch (java.io.IOException e) {
            err.println("harpoon engines: no gateway admin endpoint at " + host + " (" + e.getMessage()
                    + "); is `harpoon gateway` running? (--admin to point elsewhere)");
            return 1;
        }
        if (json) {
            out.println(body);
        } else {
            out.print(table(new ObjectMapper().readTree(body)));
        }
        out.flush();
        return 0;
    }

    /** One row per engine; problems in a last column so a DOWN engine says why. */
    static String table(JsonNode engines) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PORT", "NAME", "STATUS", "API", "CPUS", "MEMORY", "GPUS", "RUNTIMES", "SOURCE",
            "NOTE"});
        for (JsonNode e : engines) {
            JsonNode inv = e.path("inventory");
            List<String> gpus = new ArrayList<>();
            for (JsonNode g : inv.path("gpus")) {
                gpus.add(g.path("vendor").asText() + ":" + g.path("index").asInt()
                        + (g.path("model").asText().isEmpty() ? "" : " " + g.path("model").asText())
                        + (g.path("memoryBytes").asLong() > 0 ? " " + (g.path("memoryBytes").asLong() >> 30) + "GiB" : ""));
            }
            rows.add(new String[] {e.path("port").asText(), e.path("name").asText(), e.path("status").asText(),
                e.path("apiVersion").asText("-"), inv.path("cpus").asText(),
                (inv.path("memoryBytes").asLong() >> 20) + "MiB", gpus.isEmpty() ? "-" : String.join(",", gpus),
                String.join(",", iterable(inv.path("runtimes"))), e.path("source").asText(),
                e.path("lastError").asText("") + (inv.path("declared").asBoolean() ? " (declared inventory)" : "")});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            sb.append(System.lineSeparator());
        }
        if (rows.size() == 1) {
            sb.append("(no engines: mount /var/run/docker.sock, set DOCKER_HOST, or connect a remote engine's frpc"
                    + " on 24001-24099)").append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static List<String> iterable(JsonNode arr) {
        List<String> l = new ArrayList<>();
        arr.forEach(n -> l.add(n.asText()));
        return l;
    }
}
