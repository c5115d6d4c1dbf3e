package org.cloudcheckkit.cloudcheck;

/**
 * Every Cloudcheck endpoint this client calls: its path, method, the parameter that carries the request, and whether
 * it may be repeated once it may have reached Cloudcheck.
 */
enum Endpoint {
    // Not repeatable: a second create is a second billed Go request and a second message to every customer.
    GO_CREATE("/go/create/", "POST", "data", false),
    // Not repeatable: a second add-recipient adds the customer twice.
    GO_ADD_RECIPIENT("/go/add-recipient/", "POST", "data", false),
    // Repeatable: the recipient is replaced whole by the same details.
    GO_EDIT_RECIPIENT("/go/edit-recipient/", "POST", "data", true),
    GO_CANCEL_RECIPIENT("/go/cancel-recipient/", "POST", "data", true),
    // Not repeatable: send and resend message customers.
    GO_SEND("/go/send/", "POST", "data", false),
    GO_RESEND("/go/resend/", "POST", "data", false),
    // Not repeatable: a quicksend creates a billed Go request and messages the customer.
    GO_QUICKSEND("/go/quicksend/", "POST", "data", false),
    GO_RESULT("/go/result/", "GET", "token", true),
    GO_RESULTS("/go/results/", "GET", "goApiReference", true),
    GO_PDF("/go/pdf/", "GET", "token", true),
    GO_PDFS_GENERATE("/go/pdfs/generate/", "GET", "goApiReference", true),
    GO_PDFS_RETRIEVE("/go/pdfs/retrieve/", "GET", "token", true),
    // Not repeatable: each initiate starts a new Akahu session.
    AKAHU_INITIATE("/akahu/initiate/", "POST", "data", false),
    AKAHU_RESULT("/akahu/result/", "GET", "token", true),
    AKAHU_PDF("/akahu/pdf/", "GET", "token", true),
    AKAHU_REVIEW("/akahu/review/", "POST", "data", true);

    final String path;
    final String method;
    final String payloadParameter;
    final boolean repeatableOnceSent;

    Endpoint(String path, String method, String payloadParameter, boolean repeatableOnceSent) {
        this.path = path;
        this.method = method;
        this.payloadParameter = payloadParameter;
        this.repeatableOnceSent = repeatableOnceSent;
    }

    /**
     * A result made of sections (verification, live, ... or Akahu's details), any of which may carry its own error one
     * level down while the others hold results: such an error is kept with the result, not thrown.
     */
    boolean answersInSections() {
        return this == GO_RESULT || this == AKAHU_RESULT;
    }

    boolean isPost() {
        return "POST".equals(method);
    }
}
