// The Fluent web components' per-component entry points, as their package exports them (the
// project's `node` module resolution does not read package `exports`; webpack does).
declare module "@fluentui/web-components/theme/set-theme.js" {
  /** Sets Fluent's design tokens for the document (a constructed style sheet). */
  export function setTheme(
    theme: Record<string, string | number>,
    node?: Document | HTMLElement
  ): void;
}
declare module "@fluentui/web-components/message-bar/define.js";
declare module "@fluentui/web-components/button/define.js";
declare module "@fluentui/web-components/progress-bar/define.js";
