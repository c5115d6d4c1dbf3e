package org.cloudcheckkit.table;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an instance has read of Go requests' bindings: the callback id each was made with and the tokens on its
 * roster. Neither can stop being true - a request's callback id is written with it and never changed, roster entries
 * are added and marked, never removed - so a binding read once needs no read again. A request item carries its whole
 * roster: read per callback, it cost more than the callback's own write (in moto, a 100-recipient request's GetItem
 * took 14 times a conditional PutItem). Bounded: the least recently used requests are forgotten, and read again.
 */
final class KnownBindings {
    private record Binding(String callbackId, Set<String> recipientTokens) {
    }

    private final Map<String, Binding> requests;

    KnownBindings(int capacity) {
        this.requests = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Binding> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void learn(GoRequestItem request) {
        requests.put(request.goApiReference(), new Binding(request.callbackId(), Set.copyOf(request.roster().keySet())));
    }

    synchronized boolean binds(String goApiReference, String callbackId, String recipientToken) {
        Binding binding = requests.get(goApiReference);
        return binding != null && binding.callbackId().equals(callbackId) && binding.recipientTokens().contains(recipientToken);
    }
}
