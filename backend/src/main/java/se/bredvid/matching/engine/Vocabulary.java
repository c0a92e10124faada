package se.bredvid.matching.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numbers the codes that volunteers use, so that set operations become bit operations. A client code no
 * volunteer uses gets no number: no volunteer has it, which is exactly how the rules must treat it.
 */
final class Vocabulary {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> codes = new ArrayList<>();

    void addAll(Collection<String> newCodes) {
        for (String code : newCodes) {
            if (ids.putIfAbsent(code, ids.size()) == null) {
                codes.add(code);
            }
        }
    }

    int size() {
        return ids.size();
    }

    /** The code's number, or -1 if no volunteer uses it. */
    int id(String code) {
        if (code == null) {
            return -1;
        }
        Integer id = ids.get(code);
        return id == null ? -1 : id;
    }

    long[] bits(Set<String> set) {
        long[] bits = Bits.empty(size());
        if (codes.size() < set.size()) {
            // A one-client vocabulary is tiny: asking the set about each known code is cheaper.
            for (int id = 0; id < codes.size(); id++) {
                if (set.contains(codes.get(id))) {
                    Bits.set(bits, id);
                }
            }
        } else {
            for (String code : set) {
                int id = id(code);
                if (id >= 0) {
                    Bits.set(bits, id);
                }
            }
        }
        return bits;
    }

    /** Whether every code is known; an unknown required code can never be met. */
    boolean knowsAll(Collection<String> codes) {
        for (String code : codes) {
            if (id(code) < 0) {
                return false;
            }
        }
        return true;
    }
}
