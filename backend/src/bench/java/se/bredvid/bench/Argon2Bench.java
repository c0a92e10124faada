package se.bredvid.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import se.bredvid.identity.PasswordHasher;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Argon2id cost, Bouncy Castle (what {@link PasswordHasher} uses) against the reference C implementation
 * (Debian's libargon2-1, called through JNA exactly as a binding such as argon2-jvm would), printed as one JSON
 * object: min/median/max milliseconds per hash for each at PasswordHasher's parameters and at RFC 9106's second
 * recommended option (64 MiB, t = 3, p = 4), the largest memory cost (t and p as PasswordHasher's) whose native
 * median stays within Bouncy Castle's median at the current parameters, and a check that both give the same
 * bytes for the same input, so that a stored PHC string verifies with either (both directions).
 * <p>
 * Run (2 cores shared: only on a quiet machine, 1-minute load below 1.5):
 * {@code mvn -B -q -o -pl backend -Pbench test-compile exec:exec -Dbench.main=se.bredvid.bench.Argon2Bench}.
 * Needs libargon2.so.1 ({@code apt-get install libargon2-1}); {@code -Dbench.runs=21} measured hashes per figure
 * after {@code -Dbench.warmup=10}.
 */
public final class Argon2Bench {

    /** libargon2's argon2.h; size_t as long (LP64: amd64 and arm64 Linux). */
    interface LibArgon2 extends Library {
        int argon2id_hash_raw(int tCost, int mCost, int parallelism, byte[] pwd, long pwdlen, byte[] salt,
                              long saltlen, byte[] hash, long hashlen);
    }

    private static final int RUNS = Integer.getInteger("bench.runs", 21);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);

    public static void main(String[] args) {
        LibArgon2 lib = Native.load(System.getProperty("bench.libargon2", "argon2"), LibArgon2.class);
        SecureRandom random = new SecureRandom();
        // The defaults of PasswordHasher.Params (@Bindable defaultValue): m = 19 MiB, t = 2, p = 1.
        int m = 19456, t = 2, p = 1;
        PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Params(m, t, p), random);
        String password = "correct horse battery staple";
        byte[] pwd = password.getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[16];
        random.nextBytes(salt);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", Map.of("memoryKib", m, "iterations", t, "parallelism", p));
        out.put("interoperable", interoperable(lib, hasher, password, m, t, p));
        Map<String, Long> bcMs = time(i -> hasher.hash(password));
        Map<String, Long> natMs = time(i -> nativeHash(lib, pwd, salt, m, t, p));
        out.put("bouncycastle_ms", bcMs);
        out.put("native_ms", natMs);
        out.put("native_speedup", Math.round(100.0 * bcMs.get("median") / natMs.get("median")) / 100.0);

        // The largest m (t and p unchanged, 4 MiB steps) whose native median is within Bouncy Castle's.
        long budget = bcMs.get("median");
        int reached = m;
        Map<String, Long> reachedMs = natMs;
        for (int candidate = 24576; candidate <= 262144; candidate += 4096) {
            int mc = candidate;
            Map<String, Long> ms = time(i -> nativeHash(lib, pwd, salt, mc, t, p));
            if (ms.get("median") > budget) {
                break;
            }
            reached = candidate;
            reachedMs = ms;
        }
        out.put("native_memory_kib_within_bouncycastle_time", reached);
        out.put("native_ms_at_that_memory", reachedMs);

        // RFC 9106 section 4, second recommended option: 64 MiB, t = 3, p = 4 (lanes: libargon2 runs them on
        // threads, Bouncy Castle one after the other).
        int rm = 65536, rt = 3, rp = 4;
        PasswordHasher rfcHasher = new PasswordHasher(new PasswordHasher.Params(rm, rt, rp), random);
        Map<String, Object> rfc = new LinkedHashMap<>();
        rfc.put("parameters", Map.of("memoryKib", rm, "iterations", rt, "parallelism", rp));
        rfc.put("interoperable", interoperable(lib, rfcHasher, password, rm, rt, rp));
        rfc.put("bouncycastle_ms", time(i -> rfcHasher.hash(password)));
        rfc.put("native_ms", time(i -> nativeHash(lib, pwd, salt, rm, rt, rp)));
        out.put("rfc9106_64mib_t3_p4", rfc);
        out.put("runs", RUNS);
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println(json(out));
    }

    /**
     * Both directions: the native bytes for the salt in PasswordHasher's PHC string equal its hash, and a PHC
     * string made from native bytes verifies with PasswordHasher.
     */
    private static boolean interoperable(LibArgon2 lib, PasswordHasher hasher, String password, int m, int t, int p) {
        String[] phc = hasher.hash(password).split("\\$");
        byte[] salt = Base64.getDecoder().decode(phc[4]);
        byte[] nat = nativeHash(lib, password.getBytes(StandardCharsets.UTF_8), salt, m, t, p);
        boolean nativeMatchesBc = Arrays.equals(Base64.getDecoder().decode(phc[5]), nat);
        String fromNative = "$argon2id$v=19$m=" + m + ",t=" + t + ",p=" + p + "$" + phc[4] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(nat);
        return nativeMatchesBc && hasher.verify(password, fromNative) && !hasher.verify(password + "x", fromNative);
    }

    private static byte[] nativeHash(LibArgon2 lib, byte[] password, byte[] salt, int m, int t, int p) {
        byte[] out = new byte[32];
        int rc = lib.argon2id_hash_raw(t, m, p, password, password.length, salt, salt.length, out, out.length);
        if (rc != 0) {
            throw new IllegalStateException("argon2id_hash_raw returned " + rc);
        }
        return out;
    }

    private static Map<String, Long> time(IntFunction<?> hash) {
        for (int i = 0; i < WARMUP; i++) {
            hash.apply(i);
        }
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            hash.apply(i);
            ms.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(ms);
        Map<String, Long> s = new LinkedHashMap<>();
        s.put("min", ms.get(0));
        s.put("median", ms.get(ms.size() / 2));
        s.put("max", ms.get(ms.size() - 1));
        return s;
    }

    private static String json(Object o) {
        if (o instanceof Map<?, ?> map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append('"').append(e.getKey()).append("\": ").append(json(e.getValue()));
            }
            return b.append('}').toString();
        }
        return o instanceof String s ? '"' + s + '"' : String.valueOf(o);
    }
}
