package io.missive.cluster.payara;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.missive.cluster.NodeRequests;
import jakarta.enterprise.inject.Vetoed;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Requests between nodes on Payara's data grid: a request topic ({@value #REQUESTS}) every node
 * listens to, answered on a reply topic ({@value #REPLIES}) with the request's id. Strings only; each
 * field URL-encoded, so that a space separates them. A request waits at most {@value #WAIT_MILLIS} ms.
 * Grid operations run on this class's own plain thread (see {@link GridThread}).
 */
@Vetoed
public final class HazelcastNodeRequests implements NodeRequests, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastNodeRequests.class.getName());
    static final String REQUESTS = "missive.requests";
    static final String REPLIES = "missive.replies";
    private static final long WAIT_MILLIS = 3_000;

    private final HazelcastInstance grid;
    private final String nodeId;
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();
    private final ExecutorService gridThread = GridThread.named("missive-node-requests");
    private volatile ITopic<String> requests;
    private volatile ITopic<String> replies;
    private volatile UUID requestListener;
    private volatile UUID replyListener;

    private HazelcastNodeRequests(HazelcastInstance grid, String nodeId) {
        this.grid = grid;
        this.nodeId = nodeId;
    }

    /** Requests on {@code instance}, the object JNDI answered for {@code payara/Hazelcast}. */
    public static HazelcastNodeRequests open(Object instance, String nodeId) {
        return new HazelcastNodeRequests((HazelcastInstance) instance, nodeId);
    }

    @Override
    public void serve(Handler handler) {
        gridThread.execute(() -> {
            requests = grid.getTopic(REQUESTS);
            replies = grid.getTopic(REPLIES);
            requestListener = requests.addMessageListener(m -> answer(m.getMessageObject(), handler));
            replyListener = replies.addMessageListener(m -> received(m.getMessageObject()));
        });
    }

    /** {@code <id> <to> <op> <args...>}: only the addressed node answers, {@code <id> <answer>}. */
    private void answer(String request, Handler handler) {
        String[] f = request.split(" ", -1);
        if (f.length < 3 || !decode(f[1]).equals(nodeId)) {
            return;
        }
        String answer;
        try {
            answer = switch (f[2]) {
                case "connections" -> handler.connections(decode(f[3]), decode(f[4]), decode(f[5]), decode(f[6]));
                case "kick" -> Boolean.toString(handler.kick(Long.parseLong(f[3])));
                default -> null;
            };
        } catch (RuntimeException e) {
            LOG.warning(() -> "MSV6011 Could not answer another node's request " + request + ": " + e);
            return;
        }
        if (answer != null) {
            String reply = f[0] + " " + encode(answer);
            gridThread.execute(() -> replies.publish(reply));
        }
    }

    private void received(String reply) {
        int space = reply.indexOf(' ');
        CompletableFuture<String> request = space > 0 ? waiting.remove(reply.substring(0, space)) : null;
        if (request != null) {
            request.complete(decode(reply.substring(space + 1)));
        }
    }

    @Override
    public Optional<String> connections(String node, String offset, String limit, String q, String protocol) {
        return ask(node, "connections " + encode(offset) + " " + encode(limit) + " " + encode(q) + " " + encode(protocol));
    }

    @Override
    public Optional<Boolean> kick(String node, long connectionId) {
        return ask(node, "kick " + connectionId).map(Boolean::parseBoolean);
    }

    private Optional<String> ask(String node, String operation) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        gridThread.execute(() -> requests.publish(id + " " + encode(node) + " " + operation));
        try {
            return Optional.of(answer.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        } finally {
            waiting.remove(id);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** Removes the listeners (the grid outlives the application) and ends the thread. */
    @Override
    public void close() {
        gridThread.execute(() -> {
            if (requestListener != null) {
                requests.removeMessageListener(requestListener);
                replies.removeMessageListener(replyListener);
            }
        });
        gridThread.shutdown();
        try {
            gridThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
