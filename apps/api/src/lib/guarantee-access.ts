// Who may read a guarantee as one of its two parties, as a where clause: the guarantees module (every route) and the
// guarantee-lookup module (the view log and failed-attempt alerts) apply the same rule, so it lives here.
import type { Prisma } from "../generated/prisma/client.ts";

/** The contractor sees all its guarantees; the surety sees applications once sent to it (never a draft). */
export function guaranteeVisibleTo(organizationId: string): Prisma.GuaranteeWhereInput {
  return { OR: [{ contractorOrganizationId: organizationId }, { suretyOrganizationId: organizationId, status: { not: "DRAFT" } }] };
}
