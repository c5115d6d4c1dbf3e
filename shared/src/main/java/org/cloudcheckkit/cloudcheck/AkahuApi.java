package org.cloudcheckkit.cloudcheck;

import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReview;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReviewed;
import org.cloudcheckkit.cloudcheck.akahu.AkahuSession;

/** The Cloudcheck Akahu API (seed 002), one method per endpoint. */
public final class AkahuApi {
    private final CloudcheckCalls calls;

    AkahuApi(CloudcheckCalls calls) {
        this.calls = calls;
    }

    /**
     * /akahu/initiate/. Never retried once it may have reached Cloudcheck: each call starts a new session. Seed 002
     * promises "a link" and a token without naming the link's field: it is read from {@code url} or {@code link}.
     */
    public AkahuSession initiate(AkahuInitiateRequest request, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_INITIATE, calls.data(request), deadline);
        String token = GoApi.required(answer, Endpoint.AKAHU_INITIATE, "token");
        String link = answer.textOr("url", answer.text("link"));
        if (link == null || link.isBlank()) {
            throw new CloudcheckProtocolException(Endpoint.AKAHU_INITIATE.path,
                    "answer has neither 'url' nor 'link': there is no link to send the customer to", null);
        }
        return new AkahuSession(token, link);
    }

    /** /akahu/result/: the status is promised (seed 002 lists its values); an error in one section is kept. */
    public AkahuResult result(String token, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_RESULT, token, deadline);
        return new AkahuResult(answer.textOr("token", token), answer.text("reference"),
                GoApi.required(answer, Endpoint.AKAHU_RESULT, "status"), answer.raw(), Answers.sectionErrors(answer.root()));
    }

    /** /akahu/pdf/: the PDF, known by its first bytes whatever its Content-Type, streamed; the caller closes it. */
    public Download pdf(String token, Deadline deadline) {
        return GoApi.expectDownload(Endpoint.AKAHU_PDF,
                calls.binary(Endpoint.AKAHU_PDF, token, deadline, Answers.Document.PDF));
    }

    public AkahuReviewed review(AkahuReview review, Deadline deadline) {
        Answers.JsonAnswer answer = calls.json(Endpoint.AKAHU_REVIEW, calls.data(review), deadline);
        return new AkahuReviewed(answer.text("akahuToken"), answer.text("result"));
    }
}
