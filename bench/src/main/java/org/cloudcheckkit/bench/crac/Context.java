package org.cloudcheckkit.bench.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context of {@link Core}: keeps every resource registered through {@code org.crac}, strongly (nothing
 * here outlives the one measuring JVM), in the order they were registered.
 */
public abstract class Context<R extends Resource> implements Resource {

    public abstract void register(R resource);

    static final class Global extends Context<Resource> {
        private final List<Resource> resources = new ArrayList<>();

        @Override
        public synchronized void register(Resource resource) {
            resources.add(resource);
        }

        synchronized List<Resource> resources() {
            return List.copyOf(resources);
        }

        /** As the JDK's CRaC notifies the global context: the last registered first before a checkpoint. */
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
            List<Resource> all = new ArrayList<>(resources());
            java.util.Collections.reverse(all);
            for (Resource resource : all) {
                resource.beforeCheckpoint(this);
            }
        }

        /** ...and in registration order after a restore. */
        @Override
        public void afterRestore(Context<? extends Resource> context) throws Exception {
            for (Resource resource : resources()) {
                resource.afterRestore(this);
            }
        }
    }
}
