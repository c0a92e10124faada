package se.bredvid.matching.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Numbers the codes that volunteers use, so that set operations become bit operations. A client code no
 * volunteer uses gets no number: no volunteer has it, which is exactly how the rules must treat it.
 */
final class Vocabulary {

    private final Map<String, Integer> ids = new HashMap<>();

    void addAll(Collection<String> codes) {
        for (String code : codes) {
            ids.putIfAbsent(code, ids.size());
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

    long[] bits(Collection<String> codes) {
        long[] bits = Bits.empty(size());
        for (String code : codes) {
            int id = id(code);
            if (id >= 0) {
                Bits.set(bits, id);
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
