// Registers only the toolkit components the table uses, so the bundle carries nothing else. vscode-badge is
// left out: its template sets an inline style attribute, which the panel's CSP (no 'unsafe-inline') refuses;
// badges are plain elements styled with the same theme variables instead.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeProgressRing,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

export function registerToolkit(): void {
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeProgressRing(),
    vsCodeTextField(),
  );
}
