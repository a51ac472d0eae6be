// Users of an organisation, invitations to join it, and passwords (changing one, and resetting a forgotten one):
// the request and response shapes of /api/users, /api/invitations, /api/me/password and /api/auth/password-reset.
import { Type, type Static } from "typebox";
import { PASSWORD_MAX_LENGTH } from "./auth";
import { CountrySchema, OrganizationKindSchema, UserRoleSchema } from "./enums";

/** NIST SP 800-63B asks for at least 8; public-sector guidance in Korea and Japan commonly asks for 10 or more. */
export const PASSWORD_MIN_LENGTH = 10;
export const NewPasswordSchema = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

/** How long an invitation link stays usable. */
export const INVITATION_VALIDITY_DAYS = 7;

/** The representative is the organisation's one registered 代表者; everyone else joins as a manager or staff. */
export const INVITABLE_ROLES = ["MANAGER", "STAFF"] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];
export const InvitableRoleSchema = Type.Enum(INVITABLE_ROLES);

/** Tokens in links are 32 random bytes, base64url: 43 characters. */
export const LinkTokenSchema = Type.String({ minLength: 43, maxLength: 43, pattern: "^[A-Za-z0-9_-]+$" });

const DateTimeSchema = Type.String({ format: "date-time" });
const EmailSchema = Type.String({ format: "email", maxLength: 254 });

/** A keyset cursor: opaque to the client, handed back as `cursor` to get the next page. */
export const PageQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: "^[A-Za-z0-9_-]+$" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 100 })),
  },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuerySchema>;

// ---- users ---------------------------------------------------------------------------------------------------

export const OrganizationUserSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  email: Type.String(),
  loginId: Type.String(),
  role: UserRoleSchema,
  isActive: Type.Boolean(),
  lastSignInAt: Type.Union([DateTimeSchema, Type.Null()]),
});
export type OrganizationUser = Static<typeof OrganizationUserSchema>;

export const UserListSchema = Type.Object({
  users: Type.Array(OrganizationUserSchema),
  /** Null on the last page. */
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type UserList = Static<typeof UserListSchema>;

export const UserParamsSchema = Type.Object({ userId: Type.String({ format: "uuid" }) });
export type UserParams = Static<typeof UserParamsSchema>;

export const UpdateUserBodySchema = Type.Object(
  {
    role: Type.Optional(InvitableRoleSchema),
    isActive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserBody = Static<typeof UpdateUserBodySchema>;

// ---- invitations ---------------------------------------------------------------------------------------------

export const CreateInvitationBodySchema = Type.Object(
  { email: EmailSchema, role: InvitableRoleSchema },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBodySchema>;

export const InvitationSchema = Type.Object({
  id: Type.String({ format: "uuid" }),
  email: Type.String(),
  role: UserRoleSchema,
  expiresAt: DateTimeSchema,
  createdAt: DateTimeSchema,
  invitedBy: Type.Object({ id: Type.String({ format: "uuid" }), name: Type.String() }),
});
export type Invitation = Static<typeof InvitationSchema>;

export const CreatedInvitationSchema = Type.Object({
  invitation: InvitationSchema,
  /** The single-use link to hand to the invitee (e-mail delivery comes later); shown once, never stored. */
  invitationUrl: Type.String(),
});
export type CreatedInvitation = Static<typeof CreatedInvitationSchema>;

export const InvitationListSchema = Type.Object({ invitations: Type.Array(InvitationSchema) });
export type InvitationList = Static<typeof InvitationListSchema>;

export const InvitationParamsSchema = Type.Object({ invitationId: Type.String({ format: "uuid" }) });
export type InvitationParams = Static<typeof InvitationParamsSchema>;

export const InvitationTokenParamsSchema = Type.Object({ token: LinkTokenSchema });
export type InvitationTokenParams = Static<typeof InvitationTokenParamsSchema>;

/** What the invitee sees before accepting: who invites them, and as what. */
export const InvitationPreviewSchema = Type.Object({
  organization: Type.Object({
    nameLocal: Type.String(),
    nameLatin: Type.String(),
    kind: OrganizationKindSchema,
    country: CountrySchema,
  }),
  email: Type.String(),
  role: UserRoleSchema,
  expiresAt: DateTimeSchema,
});
export type InvitationPreview = Static<typeof InvitationPreviewSchema>;

/** User IDs are typed at sign-in next to the registration number: letters, digits and . _ - only. */
export const LOGIN_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$";

export const AcceptInvitationBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: "\\S" }),
    loginId: Type.String({ minLength: 3, maxLength: 64, pattern: LOGIN_ID_PATTERN }),
    password: NewPasswordSchema,
  },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBodySchema>;

/** The new account, and what the person needs to sign in with a registration number and user ID. */
export const AcceptedInvitationSchema = Type.Object({
  user: Type.Object({
    id: Type.String({ format: "uuid" }),
    name: Type.String(),
    email: Type.String(),
    loginId: Type.String(),
    role: UserRoleSchema,
  }),
  organization: Type.Object({ country: CountrySchema, registrationNumber: Type.String() }),
});
export type AcceptedInvitation = Static<typeof AcceptedInvitationSchema>;

// ---- passwords -----------------------------------------------------------------------------------------------

export const ChangePasswordBodySchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
    newPassword: NewPasswordSchema,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBodySchema>;

export const PasswordResetRequestBodySchema = Type.Object({ email: EmailSchema }, { additionalProperties: false });
export type PasswordResetRequestBody = Static<typeof PasswordResetRequestBodySchema>;

/** The same answer whether or not the address belongs to an account, so it tells nobody which ones do. */
export const PasswordResetRequestedSchema = Type.Object({ status: Type.Literal("accepted") });
export type PasswordResetRequested = Static<typeof PasswordResetRequestedSchema>;

export const PasswordResetConfirmBodySchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }), newPassword: NewPasswordSchema },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBodySchema>;
