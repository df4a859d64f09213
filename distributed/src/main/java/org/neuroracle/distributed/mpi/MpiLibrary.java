package org.neuroracle.distributed.mpi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The downcall handles into Open MPI's libmpi (ABI libmpi.so.40, Open MPI 3.x to 5.x) and the addresses of its
 * predefined handles. In Open MPI, MPI_Comm and MPI_Datatype are pointers and MPI_COMM_WORLD, MPI_INT, ... are the
 * addresses of exported globals ({@code ompi_mpi_comm_world}, {@code ompi_mpi_int}, ...), so they are found with a
 * symbol lookup rather than compiled in from mpi.h. Other MPI implementations (MPICH: integer handles) are not
 * ABI-compatible and are refused at load.
 */
final class MpiLibrary {
    /** Override with -Dneuroracle.mpi.lib=/path/to/libmpi.so. */
    static final String DEFAULT_LIBRARY = "libmpi.so.40";
    static final int MAX_ERROR_STRING = 256; // MPI_MAX_ERROR_STRING in Open MPI's mpi.h

    final MemorySegment commWorld, typeInt, typeLongLong, typeDouble;
    final MethodHandle init, initialized, finalized, finalizeCall, commRank, commSize, barrier, wtime, abort, errorString;
    final MethodHandle allgather, allgatherv, gather, gatherv;

    private MpiLibrary(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        commWorld = symbol(lib, "ompi_mpi_comm_world");
        typeInt = symbol(lib, "ompi_mpi_int");
        typeLongLong = symbol(lib, "ompi_mpi_long_long_int");
        typeDouble = symbol(lib, "ompi_mpi_double");
        init = handle(linker, lib, "MPI_Init", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        initialized = handle(linker, lib, "MPI_Initialized", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        finalized = handle(linker, lib, "MPI_Finalized", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        finalizeCall = handle(linker, lib, "MPI_Finalize", FunctionDescriptor.of(JAVA_INT));
        commRank = handle(linker, lib, "MPI_Comm_rank", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        commSize = handle(linker, lib, "MPI_Comm_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        barrier = handle(linker, lib, "MPI_Barrier", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        wtime = handle(linker, lib, "MPI_Wtime", FunctionDescriptor.of(JAVA_DOUBLE));
        abort = handle(linker, lib, "MPI_Abort", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        errorString = handle(linker, lib, "MPI_Error_string", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        // (sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, comm)
        allgather = handle(linker, lib, "MPI_Allgather", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        // (sendbuf, sendcount, sendtype, recvbuf, recvcounts[], displs[], recvtype, comm)
        allgatherv = handle(linker, lib, "MPI_Allgatherv", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // (sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm)
        gather = handle(linker, lib, "MPI_Gather", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        // (sendbuf, sendcount, sendtype, recvbuf, recvcounts[], displs[], recvtype, root, comm)
        gatherv = handle(linker, lib, "MPI_Gatherv", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    }

    static MpiLibrary load() {
        String name = System.getProperty("neuroracle.mpi.lib", DEFAULT_LIBRARY);
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new MpiException("cannot load the MPI library " + name + " (install Open MPI: apt-get install openmpi-bin libopenmpi-dev, "
                    + "or set -Dneuroracle.mpi.lib=/path/to/libmpi.so): " + e.getMessage(), e);
        }
        if (lib.find("ompi_mpi_comm_world").isEmpty())
            throw new MpiException(name + " is not Open MPI (no symbol ompi_mpi_comm_world); only Open MPI's ABI is bound");
        return new MpiLibrary(lib);
    }

    private static MemorySegment symbol(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new MpiException("libmpi has no symbol " + name));
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
        return linker.downcallHandle(symbol(lib, name), fd);
    }
}
