package org.neuroracle.daoserver;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

/**
 * libsecp256k1 bound with the FFM API: one signing context for the process (created and randomised once; signing
 * takes it as {@code const}, so threads share it), {@code secp256k1_ecdsa_sign_recoverable} with the library's
 * default RFC 6979 nonce function, and the compact serialisation with its recovery id. The library path is
 * {@code -Dneuroracle.secp256k1.lib=PATH}, else the Debian name {@code libsecp256k1.so.1} on the loader path.
 */
final class LibSecp256k1 {
    /** SECP256K1_CONTEXT_SIGN = SECP256K1_FLAGS_TYPE_CONTEXT | SECP256K1_FLAGS_BIT_CONTEXT_SIGN (secp256k1.h). */
    private static final int CONTEXT_SIGN = (1 << 0) | (1 << 9);
    /** sizeof(secp256k1_ecdsa_recoverable_signature): an opaque 65-byte struct (secp256k1_recovery.h). */
    private static final long RECOVERABLE_SIGNATURE_BYTES = 65;
    private static final List<String> CANDIDATES = List.of("libsecp256k1.so.1", "libsecp256k1.so", "/usr/lib/x86_64-linux-gnu/libsecp256k1.so.1");

    private static volatile String whyNotLoaded = "not tried";

    private final String path;
    private final MemorySegment context;
    private final MethodHandle signRecoverable;
    private final MethodHandle serializeCompact;

    private LibSecp256k1(String path, SymbolLookup lib) throws Throwable {
        this.path = path;
        Linker linker = Linker.nativeLinker();
        MethodHandle create = linker.downcallHandle(find(lib, "secp256k1_context_create"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        MethodHandle randomize = linker.downcallHandle(find(lib, "secp256k1_context_randomize"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        // int secp256k1_ecdsa_sign_recoverable(const ctx*, sig*, const uchar *msghash32, const uchar *seckey, noncefp, const void *ndata)
        this.signRecoverable = linker.downcallHandle(find(lib, "secp256k1_ecdsa_sign_recoverable"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        // int secp256k1_ecdsa_recoverable_signature_serialize_compact(const ctx*, uchar *output64, int *recid, const sig*)
        this.serializeCompact = linker.downcallHandle(find(lib, "secp256k1_ecdsa_recoverable_signature_serialize_compact"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        MemorySegment ctx = (MemorySegment) create.invokeExact(CONTEXT_SIGN);
        if (ctx.equals(MemorySegment.NULL)) throw new IllegalStateException("secp256k1_context_create returned NULL");
        // Blinding against side channels; does not change any signature (the nonce is still RFC 6979).
        try (Arena a = Arena.ofConfined()) {
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            MemorySegment s = a.allocate(32);
            MemorySegment.copy(seed, 0, s, ValueLayout.JAVA_BYTE, 0, 32);
            if ((int) randomize.invokeExact(ctx, s) != 1) throw new IllegalStateException("secp256k1_context_randomize failed");
            s.fill((byte) 0);
        }
        this.context = ctx; // lives as long as the process: never destroyed
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new IllegalStateException("symbol " + name + " not found (library built without the recovery module?)"));
    }

    /** The library, or null (with {@link #whyNotLoaded()} saying why) when it is not installed or unusable. */
    static LibSecp256k1 loadOrNull() {
        String configured = System.getProperty("neuroracle.secp256k1.lib");
        List<String> names = configured != null ? List.of(configured) : CANDIDATES;
        StringBuilder why = new StringBuilder();
        for (String name : names) {
            try {
                SymbolLookup lib = SymbolLookup.libraryLookup(name, Arena.global());
                LibSecp256k1 l = new LibSecp256k1(name, lib);
                whyNotLoaded = "loaded";
                return l;
            } catch (Throwable t) {
                why.append(why.isEmpty() ? "" : "; ").append(name).append(": ").append(t.getMessage());
            }
        }
        whyNotLoaded = "libsecp256k1 not usable: " + why + " (apt-get install libsecp256k1-1)";
        return null;
    }

    static String whyNotLoaded() { return whyNotLoaded; }

    String path() { return path; }

    /** r ‖ s ‖ (27 + recid) over {@code digest32}; the key is copied to native memory for the call and wiped after. */
    byte[] signRecoverable(byte[] digest32, BigInteger privateKey) {
        byte[] key = toBytes32(privateKey);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sig = a.allocate(RECOVERABLE_SIGNATURE_BYTES);
            MemorySegment msg = a.allocate(32);
            MemorySegment sec = a.allocate(32);
            MemorySegment out = a.allocate(64);
            MemorySegment recid = a.allocate(ValueLayout.JAVA_INT);
            MemorySegment.copy(digest32, 0, msg, ValueLayout.JAVA_BYTE, 0, 32);
            MemorySegment.copy(key, 0, sec, ValueLayout.JAVA_BYTE, 0, 32);
            try {
                int ok = (int) signRecoverable.invokeExact(context, sig, msg, sec, MemorySegment.NULL, MemorySegment.NULL);
                if (ok != 1) throw new IllegalArgumentException("secp256k1_ecdsa_sign_recoverable failed: the key is not a valid secp256k1 secret key");
                if ((int) serializeCompact.invokeExact(context, out, recid, sig) != 1)
                    throw new IllegalStateException("secp256k1_ecdsa_recoverable_signature_serialize_compact failed");
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("libsecp256k1 call failed: " + t, t);
            } finally {
                sec.fill((byte) 0);
                java.util.Arrays.fill(key, (byte) 0);
            }
            byte[] r = new byte[65];
            MemorySegment.copy(out, ValueLayout.JAVA_BYTE, 0, r, 0, 64);
            r[64] = (byte) (27 + recid.get(ValueLayout.JAVA_INT, 0));
            return r;
        }
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 33 || (b.length == 33 && b[0] != 0) || v.signum() <= 0)
            throw new IllegalArgumentException("private key: not a 32-byte positive integer");
        byte[] out = new byte[32];
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, 32 - len, len);
        return out;
    }
}
