package org.cloudcheckkit.bench.crac;

/**
 * A CRaC implementation for a JVM that has none, for the priming figure (bench {@code PrimedStart}). org.crac looks
 * its implementation up by package name - the system property {@code org.crac.Core.Compat}, then javax.crac, then
 * jdk.crac - and routes {@code org.crac.Core.getGlobalContext().register(...)} and {@code Core.checkpointRestore()}
 * to it. On a JVM without CRaC org.crac otherwise drops every registration, so nothing could call them. Here a
 * checkpoint runs every registered resource's {@code beforeCheckpoint}, as Lambda's runtime does before it takes a
 * SnapStart snapshot, and then their {@code afterRestore}, as after a restore; the JVM's state in between is what a
 * snapshot would hold. (The memory image itself is not taken or restored: that part is Lambda's.)
 *
 * <p>Used with {@code -Dorg.crac.Core.Compat=org.cloudcheckkit.bench.crac}.
 */
public final class Core {
    private static final Context.Global GLOBAL = new Context.Global();

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        try {
            GLOBAL.beforeCheckpoint(GLOBAL);
        } catch (Exception e) {
            CheckpointException failed = new CheckpointException();
            failed.addSuppressed(e);
            throw failed;
        }
        try {
            GLOBAL.afterRestore(GLOBAL);
        } catch (Exception e) {
            RestoreException failed = new RestoreException();
            failed.addSuppressed(e);
            throw failed;
        }
    }

    /** How many resources were registered: the figure reports it, so a function that registers none shows. */
    public static int registered() {
        return GLOBAL.resources().size();
    }
}
