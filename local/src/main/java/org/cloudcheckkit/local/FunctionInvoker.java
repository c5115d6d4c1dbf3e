package org.cloudcheckkit.local;

/** Invokes a function with a JSON payload and returns its JSON result, as Lambda's Invoke does. */
@FunctionalInterface
interface FunctionInvoker {

    String invoke(String payload) throws FunctionError;
}
