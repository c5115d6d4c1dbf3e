package org.cloudcheckkit.sandbox.fault;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The API faults still to inject, per path, in the order they were asked for. */
public final class FaultPlan {

    private static final class PendingFault {
        private final ApiFault fault;
        private int remaining;

        private PendingFault(ApiFault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final Set<String> paths;
    private final Set<String> documentPaths;
    private final Map<String, Deque<PendingFault>> pendingByPath = new HashMap<>();

    /**
     * @param paths         the API paths faults may be set on
     * @param documentPaths those of them that answer with a PDF or zip
     */
    public FaultPlan(Set<String> paths, Set<String> documentPaths) {
        this.paths = Set.copyOf(paths);
        this.documentPaths = Set.copyOf(documentPaths);
    }

    /** Makes the next {@code count} calls of {@code path} fail with {@code fault}, after any faults already queued. */
    public synchronized void failNext(String path, int count, ApiFault fault) {
        if (!paths.contains(path)) {
            throw new IllegalArgumentException("Unknown API path '" + path + "'; known paths: " + new TreeSet<>(paths));
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (fault.kind() == ApiFault.Kind.JSON_ERROR_INSTEAD_OF_BINARY && !documentPaths.contains(path)) {
            throw new IllegalArgumentException(fault.kind() + " only applies to " + new TreeSet<>(documentPaths));
        }
        pendingByPath.computeIfAbsent(path, p -> new ArrayDeque<>()).addLast(new PendingFault(fault, count));
    }

    /** The fault for this call of the path, if one is pending; each call uses one up. */
    public synchronized Optional<ApiFault> take(String path) {
        Deque<PendingFault> pending = pendingByPath.get(path);
        if (pending == null || pending.isEmpty()) {
            return Optional.empty();
        }
        PendingFault next = pending.peekFirst();
        if (--next.remaining == 0) {
            pending.removeFirst();
        }
        return Optional.of(next.fault);
    }

    public synchronized void clear() {
        pendingByPath.clear();
    }
}
