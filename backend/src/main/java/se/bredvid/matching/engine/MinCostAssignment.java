package se.bredvid.matching.engine;

import java.util.Arrays;

/**
 * Maximum-weight b-matching of clients (at most one volunteer each) to volunteers (at most
 * {@code free[j]} clients each) on a sparse candidate graph, by successive shortest augmenting paths with
 * node potentials (Ahuja, Magnanti and Orlin, "Network Flows", 9.7; Jonker and Volgenant 1987).
 *
 * <p>The network: one side supplies units, the other takes them. Every unit goes along a candidate pair
 * (cost {@code -weight}) to a node of the other side with room left, or stays unmatched (cost 0); each
 * is routed along a shortest path in the residual network, measured in reduced costs {@code c(a,b) + p(a) -
 * p(b)}, which stay non-negative on every residual arc throughout. After each path the potentials of the
 * nodes settled closer than the end are lowered by their distance to it, which keeps every reduced cost
 * non-negative and makes the path's arcs tight.
 *
 * <p>Why it is fast where it matters:
 * <ul>
 *   <li>The side with fewer units supplies them: the clients when there are more free places than clients,
 *       the volunteers' places when places are scarce ("contended"). Each unit then looks for a partner
 *       where partners are plentiful and finds one a few steps away; from the crowded side every unit
 *       would search the whole graph for the rare free place.</li>
 *   <li>The search stops at the first end it can prove shortest (a free partner, or staying unmatched), as
 *       in Jonker and Volgenant's early termination: the best end seen so far bounds the search, nothing at
 *       or beyond it enters the heap, and a free partner is never expanded. In the common case a unit's best
 *       candidate is free, and routing it costs one pass over its candidates.</li>
 * </ul>
 *
 * <p>At the end {@link #clientPotential} and {@code max(0, -volunteerPotential)} are an optimal solution of
 * the LP dual (the same meaning whichever side supplied); {@code BatchAssigner} checks that rather than
 * trusting this class.
 */
final class MinCostAssignment {

    /** The input: client {@code i}'s pairs are {@code arcStart[i] .. arcStart[i + 1] - 1}. */
    final int[] arcStart;
    final int[] arcVolunteer;
    final long[] arcWeight;
    final int[] free;

    /** The client's pair in the input, or -1. */
    final int[] assignedArc;
    final long[] clientPotential;
    final long[] volunteerPotential;

    /**
     * @param arcStart     client {@code i}'s arcs are {@code arcStart[i] .. arcStart[i + 1] - 1}
     * @param arcVolunteer the volunteer of each arc
     * @param arcWeight    the (positive) weight of each arc
     * @param free         free places per volunteer
     */
    MinCostAssignment(int[] arcStart, int[] arcVolunteer, long[] arcWeight, int[] free) {
        this.arcStart = arcStart;
        this.arcVolunteer = arcVolunteer;
        this.arcWeight = arcWeight;
        this.free = free;
        int clients = arcStart.length - 1;
        this.assignedArc = new int[clients];
        Arrays.fill(assignedArc, -1);
        this.clientPotential = new long[clients];
        this.volunteerPotential = new long[free.length];
    }

    void solve() {
        int clients = arcStart.length - 1;
        int volunteers = free.length;
        int arcs = arcStart[clients];
        long clientUnits = 0;
        for (int i = 0; i < clients; i++) {
            if (arcStart[i + 1] > arcStart[i]) {
                clientUnits++;
            }
        }
        int[] degree = new int[volunteers];
        for (int e = 0; e < arcs; e++) {
            degree[arcVolunteer[e]]++;
        }
        long placeUnits = 0;
        for (int j = 0; j < volunteers; j++) {
            placeUnits += Math.min(free[j], degree[j]);
        }
        if (placeUnits < clientUnits) {
            solveFromPlaces(degree);
        } else {
            solveFromClients();
        }
    }

    int volunteerOf(int client) {
        int arc = assignedArc[client];
        return arc < 0 ? -1 : arcVolunteer[arc];
    }

    private void solveFromClients() {
        int clients = arcStart.length - 1;
        int[] supply = new int[clients];
        Arrays.fill(supply, 1);
        int[] tail = new int[arcVolunteer.length];
        for (int i = 0; i < clients; i++) {
            Arrays.fill(tail, arcStart[i], arcStart[i + 1], i);
        }
        Routing routing = new Routing(arcStart, tail, arcVolunteer, arcWeight, supply, free);
        routing.run();
        for (int t = 0; t < free.length; t++) {
            for (int s = routing.slotStart[t], end = s + routing.load[t]; s < end; s++) {
                int e = routing.slotArc[s];
                assignedArc[tail[e]] = e;
            }
        }
        System.arraycopy(routing.sourcePotential, 0, clientPotential, 0, clients);
        System.arraycopy(routing.targetPotential, 0, volunteerPotential, 0, free.length);
    }

    /**
     * The same network with the arcs turned round: volunteers supply their free places, clients take one
     * each. Potentials keep the meaning {@code reduced = cost + p(tail) - p(head)}, so the dual of a
     * client is {@code -p} of its node here, and a volunteer's is its node's {@code p}.
     */
    private void solveFromPlaces(int[] degree) {
        int clients = arcStart.length - 1;
        int volunteers = free.length;
        int arcs = arcVolunteer.length;
        int[] start = new int[volunteers + 1];
        for (int j = 0; j < volunteers; j++) {
            start[j + 1] = start[j] + degree[j];
        }
        int[] next = Arrays.copyOf(start, volunteers);
        int[] head = new int[arcs];
        int[] tail = new int[arcs];
        long[] weight = new long[arcs];
        int[] original = new int[arcs];
        for (int i = 0; i < clients; i++) {
            for (int e = arcStart[i]; e < arcStart[i + 1]; e++) {
                int j = arcVolunteer[e];
                int f = next[j]++;
                head[f] = i;
                tail[f] = j;
                weight[f] = arcWeight[e];
                original[f] = e;
            }
        }
        int[] capacity = new int[clients];
        Arrays.fill(capacity, 1);
        Routing routing = new Routing(start, tail, head, weight, free, capacity);
        routing.run();
        for (int i = 0; i < clients; i++) {
            if (routing.load[i] > 0) {
                assignedArc[i] = original[routing.slotArc[routing.slotStart[i]]];
            }
            clientPotential[i] = -routing.targetPotential[i];
        }
        for (int j = 0; j < volunteers; j++) {
            volunteerPotential[j] = -routing.sourcePotential[j];
        }
    }

    /**
     * Successive shortest paths from sources (each with {@code supply} units) to targets (each with room
     * for {@code capacity} units) on arcs source -> target; a unit may also stay unmatched. Node ids:
     * sources {@code 0 .. S-1}, targets {@code S .. S+T-1}.
     */
    private static final class Routing {
        private static final long NONE = Long.MAX_VALUE;

        private final int sources;
        private final int[] start;
        private final int[] tail;
        private final int[] head;
        private final long[] weight;
        private final int[] supply;
        private final int[] capacity;

        final long[] sourcePotential;
        final long[] targetPotential;
        final int[] slotStart;
        final int[] slotArc;
        final int[] load;

        private final long[] dist;
        private final int[] pred;
        private final int[] predArc;
        private final int[] reachedStamp;
        private final int[] settledStamp;
        private final int[] settled;
        private int settledCount;
        private int stamp;
        private final NodeHeap heap = new NodeHeap();
        /** The best end found so far: its distance and the node it is reached from. */
        private long endDistance;
        private int endFrom;

        Routing(int[] start, int[] tail, int[] head, long[] weight, int[] supply, int[] capacity) {
            this.sources = supply.length;
            this.start = start;
            this.tail = tail;
            this.head = head;
            this.weight = weight;
            this.supply = supply;
            this.capacity = capacity;
            int targets = capacity.length;
            this.sourcePotential = new long[sources];
            this.targetPotential = new long[targets];
            this.slotStart = new int[targets + 1];
            for (int t = 0; t < targets; t++) {
                slotStart[t + 1] = slotStart[t] + capacity[t];
            }
            this.slotArc = new int[slotStart[targets]];
            this.load = new int[targets];
            int nodes = sources + targets;
            this.dist = new long[nodes];
            this.pred = new int[nodes];
            this.predArc = new int[nodes];
            this.reachedStamp = new int[nodes];
            this.settledStamp = new int[nodes];
            this.settled = new int[nodes];
        }

        void run() {
            // With target potentials 0, a source potential of its best weight makes every reduced cost >= 0.
            for (int s = 0; s < sources; s++) {
                long best = 0;
                for (int e = start[s]; e < start[s + 1]; e++) {
                    best = Math.max(best, weight[e]);
                }
                sourcePotential[s] = best;
            }
            for (int s = 0; s < sources; s++) {
                if (start[s] == start[s + 1]) {
                    continue;
                }
                for (int unit = 0; unit < supply[s]; unit++) {
                    if (!route(s)) {
                        // s's potential is 0 now, so every further unit of s would stay unmatched too.
                        break;
                    }
                }
            }
        }

        /** Routes one unit from {@code source}; false when it stays unmatched. */
        private boolean route(int source) {
            stamp++;
            settledCount = 0;
            heap.clear();
            endDistance = NONE;
            endFrom = -1;
            reachedStamp[source] = stamp;
            dist[source] = 0;
            pred[source] = -1;
            settle(source, 0);
            while (!heap.isEmpty() && heap.topKey() < endDistance) {
                long d = heap.topKey();
                int node = heap.pop();
                if (settledStamp[node] == stamp || d > dist[node]) {
                    continue;
                }
                settle(node, d);
            }
            for (int k = 0; k < settledCount; k++) {
                int node = settled[k];
                long delta = dist[node] - endDistance;
                if (node < sources) {
                    sourcePotential[node] += delta;
                } else {
                    targetPotential[node - sources] += delta;
                }
            }
            return augment(source);
        }

        private void settle(int node, long d) {
            settledStamp[node] = stamp;
            settled[settledCount++] = node;
            if (node < sources) {
                long potential = sourcePotential[node];
                if (d + potential < endDistance) {
                    endDistance = d + potential;
                    endFrom = node;
                }
                // Arcs already carrying a unit stay in: their heads are dead ends here, but settling them keeps
                // those arcs tight, which the potentials need to be a dual solution of the b-matching LP.
                for (int e = start[node], end = start[node + 1]; e < end; e++) {
                    int t = head[e];
                    long reached = d + potential - weight[e] - targetPotential[t];
                    assert reached >= d : "negative reduced cost on a forward arc";
                    if (reached >= endDistance) {
                        continue;
                    }
                    int target = sources + t;
                    if (load[t] < capacity[t]) {
                        // A target with room is an end at the same distance (its potential stays 0, or the
                        // reduced cost of its unit's way out would be negative); nothing beyond it is shorter.
                        endDistance = reached;
                        endFrom = target;
                        pred[target] = node;
                        predArc[target] = e;
                    } else {
                        reach(target, reached, node, e);
                    }
                }
            } else {
                int t = node - sources;
                long potential = targetPotential[t];
                for (int k = slotStart[t], end = k + load[t]; k < end; k++) {
                    int e = slotArc[k];
                    int s = tail[e];
                    long reached = d + weight[e] + potential - sourcePotential[s];
                    assert reached >= d : "negative reduced cost on a reverse arc";
                    if (reached < endDistance) {
                        reach(s, reached, node, e);
                    }
                }
            }
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
         * Walks the path back from its end: a target entered by a forward arc takes the unit, a source
         * entered by a reverse arc gives up its pair. Returns whether the routed unit found a partner.
         */
        private boolean augment(int source) {
            int node = endFrom;
            boolean matched = node != source;
            while (node != source) {
                int from = pred[node];
                int e = predArc[node];
                if (node >= sources) {
                    int t = node - sources;
                    slotArc[slotStart[t] + load[t]++] = e;
                } else {
                    removeFromSlots(from - sources, e);
                }
                node = from;
            }
            return matched;
        }

        private void removeFromSlots(int t, int arc) {
            int last = slotStart[t] + load[t] - 1;
            for (int k = slotStart[t]; k <= last; k++) {
                if (slotArc[k] == arc) {
                    slotArc[k] = slotArc[last];
                    load[t]--;
                    return;
                }
            }
            throw new IllegalStateException("pair not in the target's places");
        }
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
