import type { DirectoryProvider } from "../gql/graphql.ts";

export const PROVIDERS: { value: DirectoryProvider; label: string; idp: string }[] = [
  { value: "OKTA_SCIM_V2", label: "Okta SCIM v2.0", idp: "Okta" },
  { value: "AZURE_SCIM_V2", label: "Microsoft Entra ID SCIM v2.0", idp: "Microsoft Entra ID" },
  { value: "ONELOGIN_SCIM_V2", label: "OneLogin SCIM v2.0", idp: "OneLogin" },
  { value: "JUMPCLOUD_SCIM_V2", label: "JumpCloud SCIM v2.0", idp: "JumpCloud" },
  { value: "GENERIC_SCIM_V2", label: "Generic SCIM v2.0", idp: "your identity provider" },
];

export function providerInfo(value: DirectoryProvider) {
  return PROVIDERS.find((p) => p.value === value) ?? PROVIDERS[PROVIDERS.length - 1];
}
