package se.bredvid.matching.engine;

import java.util.Arrays;

/**
 * Maximum-weight b-matching of clients (at most one volunteer each) to volunteers (at most
 * {@code free[j]} clients each) on a sparse candidate graph, by successive shortest paths with node
 * potentials (Ahuja, Magnanti and Orlin, "Network Flows", 9.7; Edmonds and Karp 1972).
 *
 * <p>The network: every client is a node with supply 1; arcs client -> volunteer with cost
 * {@code -weight} and unbounded capacity (the supply bounds it); volunteer -> sink with capacity
 * {@code free[j]} and cost 0; and client -> sink with cost 0 (the client stays unmatched). Clients are
 * routed one at a time along a shortest path in the residual network, measured in reduced costs
 * {@code c(a,b) + p(a) - p(b)}, which stay non-negative on every residual arc throughout. Dijkstra stops
 * when it settles the sink; the potentials of the settled nodes are then lowered by {@code d(sink) - d(v)},
 * which keeps every reduced cost non-negative (the unsettled nodes are at least {@code d(sink)} away).
 * The sink's potential stays 0.
 *
 * <p>At the end {@link #clientPotential} and {@code max(0, -volunteerPotential)} are an optimal solution of
 * the LP dual; {@code BatchAssigner} checks that rather than trusting this class.
 */
final class MinCostAssignment {

    private final int clients;
    private final int sink;
    final int[] arcStart;
    final int[] arcVolunteer;
    final long[] arcWeight;
    final int[] free;

    final int[] assignedArc;
    final long[] clientPotential;
    final long[] volunteerPotential;

    private final int[] slotStart;
    private final int[] slotClient;
    private final int[] load;

    private final long[] dist;
    private final int[] pred;
    private final int[] predArc;
    private final int[] reachedStamp;
    private final int[] settledStamp;
    private final int[] settled;
    private int settledCount;
    private int stamp;
    private final NodeHeap heap = new NodeHeap();

    /**
     * @param arcStart     client {@code i}'s arcs are {@code arcStart[i] .. arcStart[i + 1] - 1}
     * @param arcVolunteer the volunteer of each arc
     * @param arcWeight    the (positive) weight of each arc
     * @param free         free places per volunteer
     */
    MinCostAssignment(int[] arcStart, int[] arcVolunteer, long[] arcWeight, int[] free) {
        this.clients = arcStart.length - 1;
        int volunteers = free.length;
        this.sink = clients + volunteers;
        this.arcStart = arcStart;
        this.arcVolunteer = arcVolunteer;
        this.arcWeight = arcWeight;
        this.free = free;
        this.assignedArc = new int[clients];
        Arrays.fill(assignedArc, -1);
        this.clientPotential = new long[clients];
        this.volunteerPotential = new long[volunteers];
        this.slotStart = new int[volunteers + 1];
        for (int j = 0; j < volunteers; j++) {
            slotStart[j + 1] = slotStart[j] + free[j];
        }
        this.slotClient = new int[slotStart[volunteers]];
        this.load = new int[volunteers];
        int nodes = sink + 1;
        this.dist = new long[nodes];
        this.pred = new int[nodes];
        this.predArc = new int[nodes];
        this.reachedStamp = new int[nodes];
        this.settledStamp = new int[nodes];
        this.settled = new int[nodes];
    }

    void solve() {
        // With volunteer potentials 0, a client potential of its best weight makes every reduced cost >= 0.
        for (int i = 0; i < clients; i++) {
            long best = 0;
            for (int e = arcStart[i]; e < arcStart[i + 1]; e++) {
                best = Math.max(best, arcWeight[e]);
            }
            clientPotential[i] = best;
        }
        for (int i = 0; i < clients; i++) {
            if (arcStart[i] < arcStart[i + 1]) {
                route(i);
            }
        }
    }

    int volunteerOf(int client) {
        int arc = assignedArc[client];
        return arc < 0 ? -1 : arcVolunteer[arc];
    }

    private void route(int source) {
        stamp++;
        settledCount = 0;
        heap.clear();
        reach(source, 0, -1, -1);
        long sinkDistance = -1;
        while (!heap.isEmpty()) {
            long d = heap.topKey();
            int node = heap.pop();
            if (settledStamp[node] == stamp || d > dist[node]) {
                continue;
            }
            settledStamp[node] = stamp;
            settled[settledCount++] = node;
            if (node == sink) {
                sinkDistance = d;
                break;
            }
            if (node < clients) {
                long potential = clientPotential[node];
                reach(sink, d + potential, node, -1);
                for (int e = arcStart[node]; e < arcStart[node + 1]; e++) {
                    int j = arcVolunteer[e];
                    long reduced = potential - arcWeight[e] - volunteerPotential[j];
                    assert reduced >= 0 : "negative reduced cost on a client arc";
                    reach(clients + j, d + reduced, node, e);
                }
            } else {
                int j = node - clients;
                long potential = volunteerPotential[j];
                if (load[j] < free[j]) {
                    reach(sink, d + potential, node, -1);
                }
                for (int s = slotStart[j], end = slotStart[j] + load[j]; s < end; s++) {
                    int c = slotClient[s];
                    int e = assignedArc[c];
                    long reduced = arcWeight[e] + potential - clientPotential[c];
                    assert reduced >= 0 : "negative reduced cost on a reverse arc";
                    reach(c, d + reduced, node, e);
                }
            }
        }
        if (sinkDistance < 0) {
            throw new IllegalStateException("the sink is always reachable through the unmatched arc");
        }
        for (int k = 0; k < settledCount; k++) {
            int node = settled[k];
            long delta = dist[node] - sinkDistance;
            if (node < clients) {
                clientPotential[node] += delta;
            } else if (node < sink) {
                volunteerPotential[node - clients] += delta;
            }
        }
        augment(source);
    }

    private void reach(int node, long d, int from, int arc) {
        if (settledStamp[node] == stamp) {
            return;
        }
        if (reachedStamp[node] != stamp || d < dist[node]) {
            reachedStamp[node] = stamp;
            dist[node] = d;
            pred[node] = from;
            predArc[node] = arc;
            heap.push(d, node);
        }
    }

    /**
     * Walks the path back from the sink. Each volunteer on it is entered by a client arc and left by a
     * reverse arc; walking backwards frees its place before the new client takes it.
     */
    private void augment(int source) {
        int node = sink;
        while (node != source) {
            int from = pred[node];
            if (node == sink) {
                if (from < clients) {
                    assignedArc[from] = -1;
                }
            } else if (node < clients) {
                removeFromSlots(from - clients, node);
            } else {
                int j = node - clients;
                slotClient[slotStart[j] + load[j]++] = from;
                assignedArc[from] = predArc[node];
            }
            node = from;
        }
    }

    private void removeFromSlots(int j, int client) {
        int last = slotStart[j] + load[j] - 1;
        for (int s = slotStart[j]; s <= last; s++) {
            if (slotClient[s] == client) {
                slotClient[s] = slotClient[last];
                load[j]--;
                return;
            }
        }
        throw new IllegalStateException("client not in the volunteer's places");
    }

    /** A binary min-heap of (distance, node) with lazy deletion. */
    private static final class NodeHeap {
        private long[] keys = new long[64];
        private int[] nodes = new int[64];
        private int size;

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        long topKey() {
            return keys[0];
        }

        void push(long key, int node) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, size * 2);
                nodes = Arrays.copyOf(nodes, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] < key || (keys[parent] == key && nodes[parent] <= node)) {
                    break;
                }
                keys[i] = keys[parent];
                nodes[i] = nodes[parent];
                i = parent;
            }
            keys[i] = key;
            nodes[i] = node;
        }

        int pop() {
            int top = nodes[0];
            size--;
            if (size > 0) {
                long key = keys[size];
                int node = nodes[size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && (keys[child + 1] < keys[child]
                            || (keys[child + 1] == keys[child] && nodes[child + 1] < nodes[child]))) {
                        child++;
                    }
                    if (keys[child] > key || (keys[child] == key && nodes[child] >= node)) {
                        break;
                    }
                    keys[i] = keys[child];
                    nodes[i] = nodes[child];
                    i = child;
                }
                keys[i] = key;
                nodes[i] = node;
            }
            return top;
        }
    }
}
