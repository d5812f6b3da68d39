// The platform's own script (no inline JavaScript anywhere): starts GOV.UK Frontend's components
// and, after every htmx swap, starts them in the new content and moves focus where the new
// content asks for it. A module script runs only in browsers GOV.UK Frontend supports.
import { initAll } from "../frontend/govuk-frontend.min.js";

const FOCUS_TARGET = "[data-focus-after-swap], .govuk-error-summary";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// htmx 4 fires htmx:after:settle on the swapped target (on the document when the target was
// replaced), with the inserted elements in detail.newContent.
document.addEventListener("htmx:after:settle", (event) => {
  const added = (event.detail?.newContent ?? [event.target]).filter(
    (node) => node.nodeType === Node.ELEMENT_NODE,
  );
  for (const element of added) {
    initAll({ scope: element });
  }
  for (const element of added) {
    const target = element.matches(FOCUS_TARGET) ? element : element.querySelector(FOCUS_TARGET);
    if (target) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
      return;
    }
  }
});
