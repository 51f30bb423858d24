// The action that fixes refused credentials is named the same wherever it is offered: in the wizard's error
// and on the table's HTTP 401 page.
export function setCredentialsLabel(profileName: string): string {
  return `Set Credentials for profile "${profileName}"`;
}
