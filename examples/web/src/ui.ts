import { describeFailure } from "./api";

/** A new element, with attributes and children: `el("a", { href }, "text")`. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** A form's text input by name, trimmed; undefined when empty, so that empty fields are left out of the body. */
export function field(container: ParentNode, name: string): string | undefined {
  const value = container.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value.trim();
  return value ? value : undefined;
}

/**
 * Runs an action from a button: the button is disabled meanwhile (no double submit), and an action that throws
 * (no answer from the API) shows why in `message`.
 */
export function onClick(button: HTMLButtonElement, message: HTMLElement, action: () => Promise<void>): void {
  button.addEventListener("click", async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await action();
    } catch (failure) {
      message.textContent = describeFailure(failure);
    } finally {
      button.disabled = false;
    }
  });
}

/**
 * Calls `check` every `ms` milliseconds until it returns true ("nothing more will change"). `restart()` polls again
 * (after another principal is picked, say); a check that throws is shown in `message` and tried again.
 */
export function poll(check: () => Promise<boolean>, message: HTMLElement, ms = 2000): { restart(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  const tick = async () => {
    timer = undefined;
    running = true;
    again = false;
    let done = false;
    try {
      done = await check();
    } catch (failure) {
      message.textContent = describeFailure(failure);
    }
    running = false;
    if (!done || again) timer = setTimeout(tick, ms);
  };
  void tick();
  return {
    restart() {
      if (running) again = true;
      else if (timer === undefined) void tick();
    },
  };
}
