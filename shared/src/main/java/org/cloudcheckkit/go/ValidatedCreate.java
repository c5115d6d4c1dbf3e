package org.cloudcheckkit.go;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.validation.Problem;

/**
 * A create as validated: the request for Cloudcheck, and where its recipients were in the caller's list. They are
 * all of them, unless the caller allowed a partial create and some were refused here; Cloudcheck answers for the
 * recipients it was sent, in their order, so its outcomes are put back at the caller's places before they are shown.
 *
 * @param request         what /go/create/ is sent
 * @param sentIndexes     for each recipient sent, its index in the caller's list
 * @param recipientsGiven how many recipients the caller gave
 * @param refused         the problems of the recipients refused here (empty unless the create is partial)
 */
public record ValidatedCreate(GoRequest request, List<Integer> sentIndexes, int recipientsGiven, List<Problem> refused) {

    public ValidatedCreate {
        sentIndexes = List.copyOf(sentIndexes);
        refused = List.copyOf(refused);
    }

    /**
     * The answer to POST /go/requests: Cloudcheck's answer under its own names, and {@code problems} - in the format
     * a refused request gets - for each recipient that was not loaded: refused here, or by Cloudcheck.
     */
    public record Answer(String goApiReference, String reference, List<RecipientOutcome> recipients,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Problem> problems) {
    }

    public Answer answer(GoCreated created) {
        List<Problem> problems = new ArrayList<>(refused);
        List<RecipientOutcome> outcomes = created.recipients();
        // An answer that does not list every recipient sent cannot be matched up by place; it is shown as it came.
        if (outcomes.size() == sentIndexes.size()) {
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof RecipientOutcome.Rejected rejected) {
                    problems.add(new Problem("recipients[" + sentIndexes.get(i) + "]", rejected.code(), rejected.message()));
                }
            }
        }
        problems.sort(Comparator.comparingInt(ValidatedCreate::recipientIndex));
        return new Answer(created.goApiReference(), created.reference(), outcomes, problems);
    }

    /**
     * A create Cloudcheck refused whole ("No valid recipients"), with one outcome per recipient the caller gave, at
     * its place: Cloudcheck's for those it was sent, and for each refused here, the first of its problems. Every
     * recipient not sent has a problem of its own, so every place is filled.
     */
    public CloudcheckApiException placed(CloudcheckApiException refusal) {
        if (refusal.recipients().size() != sentIndexes.size() || sentIndexes.size() == recipientsGiven) {
            return refusal;
        }
        RecipientOutcome[] placed = new RecipientOutcome[recipientsGiven];
        for (int i = 0; i < sentIndexes.size(); i++) {
            placed[sentIndexes.get(i)] = refusal.recipients().get(i);
        }
        for (Problem problem : refused) {
            int index = recipientIndex(problem);
            if (placed[index] == null) {
                placed[index] = new RecipientOutcome.Rejected(null, problem.rule(), problem.message());
            }
        }
        return new CloudcheckApiException(refusal.path(), refusal.numericCode().isPresent()
                ? refusal.numericCode().getAsInt() : null, refusal.recipientCode(), refusal.cloudcheckMessage(),
                refusal.fields(), refusal.errorDetail(), refusal.httpStatus(), List.of(placed));
    }

    /** {@code recipients[3].mobileNumber} -> 3. */
    private static int recipientIndex(Problem problem) {
        String field = problem.field();
        int open = field.indexOf('[');
        return Integer.parseInt(field.substring(open + 1, field.indexOf(']', open)));
    }
}
