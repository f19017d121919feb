import "@fluentui/web-components/message-bar/define.js";
import "@fluentui/web-components/button/define.js";
import "@fluentui/web-components/progress-bar/define.js";
import { setTheme } from "@fluentui/web-components/theme/set-theme.js";
import { webDarkTheme, webLightTheme } from "@fluentui/tokens";

/**
 * The Fluent UI web components the pane uses (message bar, buttons, progress bar), registered
 * once; only these are bundled. Their theme tokens go into a constructed style sheet, which the
 * pane's Content-Security-Policy allows.
 */

/** Gives the Fluent components Office's light or dark look. */
export function fluentTheme(dark: boolean): void {
  setTheme(dark ? webDarkTheme : webLightTheme);
}
