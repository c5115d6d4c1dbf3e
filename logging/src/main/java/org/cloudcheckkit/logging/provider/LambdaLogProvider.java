package org.cloudcheckkit.logging.provider;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J provider (found by SLF4J through META-INF/services): every logger writes one line per event to
 * standard output, which Lambda sends to the function's log group. It is where logging starts, before any function
 * has read its settings, so it reads Lambda's two logging variables itself ({@link LogSettings}).
 */
public final class LambdaLogProvider implements SLF4JServiceProvider {
    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public void initialize() {
        mdc = new BasicMDCAdapter();
        markers = new BasicMarkerFactory();
        LogSettings settings = LogSettings.from(System.getenv());
        loggers = factory(settings, new LogLines(() -> System.out, Clock.systemUTC(), settings.json(), mdc::getCopyOfContextMap));
    }

    static ILoggerFactory factory(LogSettings settings, LogLines lines) {
        Map<String, Logger> made = new ConcurrentHashMap<>();
        return name -> made.computeIfAbsent(name, named -> new LambdaLogger(named, settings.threshold(named), lines));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
