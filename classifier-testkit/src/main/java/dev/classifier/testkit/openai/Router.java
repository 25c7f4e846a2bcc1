package dev.classifier.testkit.openai;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a method and a path such as {@code /v1/files/file-abc/content} to the handler of its route. */
final class Router {

    /** A route template such as {@code /v1/files/{file_id}/content}, its method and its handler. */
    record Route(String method, String template, EndpointHandler handler) {

        Optional<Map<String, String>> match(String path) {
            String[] want = template.split("/", -1);
            String[] have = path.split("/", -1);
            if (want.length != have.length) {
                return Optional.empty();
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < want.length; i++) {
                if (want[i].startsWith("{") && want[i].endsWith("}")) {
                    if (have[i].isEmpty()) {
                        return Optional.empty();
                    }
                    params.put(want[i].substring(1, want[i].length() - 1), have[i]);
                } else if (!want[i].equals(have[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(Map.copyOf(params));
        }
    }

    /** A route found for a request, with the values of its path parameters. */
    record Match(Route route, Map<String, String> params) {
    }

    /** Why no route answers: no such path, or the path exists under another method. */
    enum Miss { NOT_FOUND, WRONG_METHOD }

    private final List<Route> routes = new ArrayList<>();

    Router add(String method, String template, EndpointHandler handler) {
        routes.add(new Route(method, template, handler));
        return this;
    }

    /** The route for this method and path, or why there is none. */
    Result find(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Result(Optional.of(new Match(route, params.get())), Optional.empty());
                }
                pathKnown = true;
            }
        }
        return new Result(Optional.empty(), Optional.of(pathKnown ? Miss.WRONG_METHOD : Miss.NOT_FOUND));
    }

    /** Either a match or a miss. */
    record Result(Optional<Match> match, Optional<Miss> miss) {
    }
}
