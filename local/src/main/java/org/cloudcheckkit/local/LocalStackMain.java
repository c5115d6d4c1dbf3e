package org.cloudcheckkit.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/local-stack.jar}, as ./run starts it: the local stack on the documented ports (or
 * those the environment sets) until SIGINT or SIGTERM, which stop everything it started, moto_server included.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack;
        try {
            stack = LocalStack.start(LocalStackSettings.fromEnvironment(System.getenv()));
        } catch (RuntimeException e) {
            System.err.println("\nThe local stack did not start: " + causes(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println(Banner.text(stack));
        stopped.await();
    }

    /** The message of each cause in turn: the last is usually the one to act on (a port in use, moto missing). */
    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
