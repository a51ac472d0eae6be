// Sign-in, session and the signed-in user: the request and response shapes of /api/auth and /api/me.
import { Type, type Static } from "typebox";
import { CountrySchema, OrganizationKindSchema, OrganizationStatusSchema, UserRoleSchema } from "./enums";

export const PASSWORD_MAX_LENGTH = 256;

/** Either the e-mail address, or the organisation's registration number together with the user id. */
export const SignInBodySchema = Type.Object(
  {
    email: Type.Optional(Type.String({ format: "email", maxLength: 254 })),
    registrationNumber: Type.Optional(Type.String({ minLength: 10, maxLength: 20, pattern: "^[0-9\\s\\-]+$" })),
    loginId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBodySchema>;

export const CurrentOrganizationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  kind: OrganizationKindSchema,
  country: CountrySchema,
  registrationNumber: Type.String(),
  nameLocal: Type.String(),
  nameLatin: Type.String(),
  /** Until APPROVED, the organisation's users can open only their registration status page. */
  status: OrganizationStatusSchema,
  /** Every user must sign in with a certificate; after the password alone only the certificate page opens. */
  requireCertificateSignIn: Type.Optional(Type.Boolean()),
});
export type CurrentOrganization = Static<typeof CurrentOrganizationSchema>;

export const CurrentUserSchema = Type.Object(
  {
    id: Type.String({ format: "uuid" }),
    email: Type.String(),
    loginId: Type.String(),
    name: Type.String(),
    role: UserRoleSchema,
    organization: CurrentOrganizationSchema,
  },
  {},
);
export type CurrentUser = Static<typeof CurrentUserSchema>;

export const SessionSchema = Type.Object({
  accessToken: Type.String(),
  /** Seconds until the access token expires; the refresh cookie outlives it. */
  expiresIn: Type.Integer(),
  user: CurrentUserSchema,
  /** True when this session was opened by signing a challenge with a certificate (not the password alone). */
  isCertificateSession: Type.Optional(Type.Boolean()),
});
export type Session = Static<typeof SessionSchema>;
