package org.cloudcheckkit.sandbox.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API calls answered and the documents served, newest last; each list keeps the latest 10,000 while the arrival
 * and success counts are exact.
 */
public final class CallLog {

    private static final int CAPACITY = 10_000;

    private final Deque<CallRecord> records = new ArrayDeque<>();
    private final Deque<ServedDocument> documents = new ArrayDeque<>();
    private final Map<String, LongAdder> successesByPath = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> arrivalsByPath = new ConcurrentHashMap<>();

    /** A call of the path arrived; it is {@link #record recorded} once answered, which a TIMEOUT fault holds back. */
    public void arrived(String path) {
        arrivalsByPath.computeIfAbsent(path, p -> new LongAdder()).increment();
    }

    public void record(CallRecord call) {
        if (call.succeeded()) {
            successesByPath.computeIfAbsent(call.path(), path -> new LongAdder()).increment();
        }
        synchronized (records) {
            if (records.size() == CAPACITY) {
                records.removeFirst();
            }
            records.addLast(call);
        }
    }

    public void recordDocument(ServedDocument document) {
        synchronized (documents) {
            if (documents.size() == CAPACITY) {
                documents.removeFirst();
            }
            documents.addLast(document);
        }
    }

    public List<ServedDocument> documents() {
        synchronized (documents) {
            return List.copyOf(documents);
        }
    }

    public List<CallRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    public long successes(String path) {
        LongAdder count = successesByPath.get(path);
        return count == null ? 0 : count.sum();
    }

    public long arrivals(String path) {
        LongAdder count = arrivalsByPath.get(path);
        return count == null ? 0 : count.sum();
    }

    public void clear() {
        synchronized (records) {
            records.clear();
            successesByPath.clear();
            arrivalsByPath.clear();
        }
        synchronized (documents) {
            documents.clear();
        }
    }
}
