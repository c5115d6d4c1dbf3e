import type { ApiError, ProblemItem } from "@cloudcheck-kit/client";
import { describeError } from "./api";
import { el } from "./ui";

/** Shows an error answer in a form: each of its problems next to its field, or else the error under the form. */
export function showError(form: HTMLElement, error: ApiError, response: Response): void {
  const problems = problemsOf(error);
  if (problems.length > 0) showProblems(form, problems);
  else form.querySelector('[data-problem-for=""]')!.textContent = describeError(error, response);
}

/**
 * Shows each of the API's problems next to its field. Elements carry the API's field names in `data-field`
 * (`emailFrom`, `recipients[0].emailAddress`); a problem goes to the element named exactly, else to the closest
 * enclosing one (`recipients[0].address.city` to `recipients[0]`), else to the form's `[data-problem-for=""]`.
 */
export function showProblems(form: HTMLElement, problems: ProblemItem[]): void {
  clearProblems(form);
  const fields = [...form.querySelectorAll<HTMLElement>("[data-field]")];
  for (const problem of problems) {
    const target =
      fields.find((element) => element.dataset.field === problem.field) ??
      fields
        .filter((element) => encloses(element.dataset.field!, problem.field))
        .sort((a, b) => b.dataset.field!.length - a.dataset.field!.length)[0] ??
      form.querySelector<HTMLElement>('[data-problem-for=""]')!;
    target.append(el("span", { class: "problem", "data-testid": "problem", "data-field": problem.field }, problem.message ?? problem.rule));
  }
}

/** Removes the problems shown, and a form-level message. */
export function clearProblems(form: HTMLElement): void {
  form.querySelectorAll("span.problem").forEach((problem) => problem.remove());
  form.querySelector('[data-problem-for=""]')!.textContent = "";
}

/** The problems of an error answer, each naming a field: a 400 or 422 has them, other errors none. */
function problemsOf(error: ApiError): ProblemItem[] {
  return ("error" in error && error.error.problems) || [];
}

function encloses(outer: string, inner: string): boolean {
  return inner.startsWith(outer + ".") || inner.startsWith(outer + "[");
}
