package org.testigo.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.testigo.views.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A witness of a sampled table phones in turnout or the result, as the quick-count team's phone app would. */
@Command(name = "checkin", mixinStandardHelpOptions = true,
        description = {"Send a quick-count check-in for a sampled table to a Testigo server (POST /api/v1/checkins).",
            "Prints the server's JSON answer; exits 0 when accepted, 4 when refused."},
        subcommands = {CheckinCommand.Turnout.class, CheckinCommand.Result.class})
final class CheckinCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Server, token and table: what every check-in needs. */
    static class Common {
        @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Server URL (default: ${DEFAULT-VALUE}).")
        URI server;

        @Option(names = "--token", description = "Bearer token (default: the TESTIGO_TOKEN environment variable).")
        String token;

        @Option(names = "--table", required = true, paramLabel = "ID", description = "The sampled table, e.g. 010113042.01.")
        String table;

        int send(Map<String, Object> body) throws InterruptedException {
            String bearer = token != null ? token : System.getenv("TESTIGO_TOKEN");
            if (bearer == null || bearer.isBlank()) {
                throw new UserError("a token is needed: --token T or TESTIGO_TOKEN (create one with `testigo token create`)");
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest req = HttpRequest.newBuilder(server.resolve("/api/v1/checkins")).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
            try {
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                System.out.println(res.body());
                return res.statusCode() == 200 || res.statusCode() == 201 ? 0 : 4;
            } catch (IOException e) {
                throw new UserError("cannot reach " + server + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "turnout", mixinStandardHelpOptions = true, description = "How many people had voted by one of the day's turnout times.")
    static final class Turnout extends Common implements Callable<Integer> {
        @Option(names = "--at", required = true, paramLabel = "HH:MM", description = "The turnout time (e.g. 10:00).")
        String at;

        @Option(names = "--voters", required = true, paramLabel = "N", description = "Voters so far.")
        long voters;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("table", table);
            body.put("kind", "turnout");
            body.put("at", at);
            body.put("voters", voters);
            return send(body);
        }
    }

    @Command(name = "result", mixinStandardHelpOptions = true, description = "The table's result as counted: every candidate's votes.")
    static final class Result extends Common implements Callable<Integer> {
        @Option(names = "--votes", required = true, split = ",", paramLabel = "ID=N",
                description = "Votes per candidate, e.g. EG=232,NM=120,LM=5 (every candidate of the ballot).")
        Map<String, Long> votes;

        @Option(names = "--null", defaultValue = "0", paramLabel = "N", description = "Null votes (default: ${DEFAULT-VALUE}).")
        long nullVotes;

        @Option(names = "--blank", defaultValue = "0", paramLabel = "N", description = "Blank votes, where the ballot has them (default: ${DEFAULT-VALUE}).")
        long blankVotes;

        @Override
        public Integer call() throws InterruptedException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("table", table);
            body.put("kind", "result");
            body.put("votes", new LinkedHashMap<>(votes));
            body.put("null", nullVotes);
            body.put("blank", blankVotes);
            return send(body);
        }
    }
}
