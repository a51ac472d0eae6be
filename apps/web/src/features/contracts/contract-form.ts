// The contract form's state and its mapping to the API bodies, without React, so the rules are unit-tested: the
// amount is read as an exact integer from what was typed (separators allowed, never a float), optional fields are
// left out rather than sent empty, and row order is kept so the API's field errors ("termsSections.2.heading")
// land on the row the user sees.
import { parseAmountInput } from "@pwp/shared/amounts";
import {
  CONTRACT_NUMBER_PATTERN,
  parseSharePercent,
  SHARE_BASIS_POINTS_TOTAL,
  type JointVentureInput,
  type ContractContactInput,
  type ContractDetail,
  type ContractSide,
  type CreateContractBody,
  type GuaranteeKind,
  type UpdateContractBody,
} from "@pwp/shared/contracts";

export type TermsSectionRow = { key: string; heading: string; body: string };
export type ContactRow = { key: string; side: ContractSide; name: string; department: string; phone: string; email: string };
/** A joint venture's firm besides the lead; the share as typed, in percent. */
export type JointVentureMemberRow = { key: string; organizationId: string; share: string };

export type ContractFormValues = {
  contractorOrganizationId: string;
  /** Empty on a new contract: the API generates one. */
  contractNumber: string;
  title: string;
  /** As typed: digits, possibly with separators. */
  amount: string;
  worksStartDate: string;
  worksEndDate: string;
  contractDate: string;
  place: string;
  termsSections: TermsSectionRow[];
  requiredGuarantees: GuaranteeKind[];
  contacts: ContactRow[];
  /** The contractor side is a joint venture: contractorOrganizationId is then its lead. */
  isJointVenture: boolean;
  jointVentureName: string;
  /** The lead's share as typed, in percent. */
  leadShare: string;
  jointVentureMembers: JointVentureMemberRow[];
};

/** What the form reports before sending anything; keys are the API's field paths without "body.". */
export type ContractFormProblem = "required" | "amountNotInteger" | "amountRange" | "contractNumberFormat" | "periodOrder" | "shareFormat" | "sharesTotal" | "memberRequired";
export type ContractFormProblems = Record<string, ContractFormProblem>;

let rowCounter = 0;

/** React keys for rows that can be added, removed and moved: an index would carry focus and input to the wrong row. */
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function newTermsSection(): TermsSectionRow {
  return { key: newRowKey(), heading: "", body: "" };
}

export function newContact(side: ContractSide): ContactRow {
  return { key: newRowKey(), side, name: "", department: "", phone: "", email: "" };
}

export function newJointVentureMember(): JointVentureMemberRow {
  return { key: newRowKey(), organizationId: "", share: "" };
}

/** The shares typed so far added up in basis points, or null while one of them is not a share. */
export function shareTotalBasisPoints(values: Pick<ContractFormValues, "leadShare" | "jointVentureMembers">): number | null {
  const shares = [values.leadShare, ...values.jointVentureMembers.map((member) => member.share)].map(parseSharePercent);
  return shares.every((share) => share !== null) ? shares.reduce<number>((sum, share) => sum + (share ?? 0), 0) : null;
}

/** "60.5" from 6050: a stored share back into the form's percent text. */
function shareText(basisPoints: number): string {
  return basisPoints % 100 === 0 ? String(basisPoints / 100) : (basisPoints / 100).toFixed(2).replace(/0$/, "");
}

export function emptyContractForm(today: string): ContractFormValues {
  return {
    contractorOrganizationId: "",
    contractNumber: "",
    title: "",
    amount: "",
    worksStartDate: "",
    worksEndDate: "",
    contractDate: today,
    place: "",
    termsSections: [],
    requiredGuarantees: [],
    contacts: [],
    isJointVenture: false,
    jointVentureName: "",
    leadShare: "",
    jointVentureMembers: [],
  };
}

export function contractFormFromDetail(detail: ContractDetail): ContractFormValues {
  return {
    contractorOrganizationId: detail.contractor.id,
    contractNumber: detail.contractNumber,
    title: detail.title,
    amount: String(detail.amount),
    worksStartDate: detail.worksStartDate,
    worksEndDate: detail.worksEndDate,
    contractDate: detail.contractDate,
    place: detail.place,
    termsSections: detail.termsSections.map((section) => ({ key: newRowKey(), ...section })),
    requiredGuarantees: [...detail.requiredGuarantees],
    contacts: detail.contacts.map((contact) => ({ key: newRowKey(), ...contact })),
    isJointVenture: Boolean(detail.jointVenture),
    jointVentureName: detail.jointVenture?.name ?? "",
    leadShare: detail.jointVenture?.members[0] ? shareText(detail.jointVenture.members[0].shareBasisPoints) : "",
    jointVentureMembers: (detail.jointVenture?.members ?? [])
      .filter((member) => !member.isLead)
      .map((member) => ({ key: newRowKey(), organizationId: member.organization.id, share: shareText(member.shareBasisPoints) })),
  };
}

/** The joint venture of the body, or the problems the form sees in it (keys as the API names them, without "body."). */
function toJointVentureInput(values: ContractFormValues, problems: ContractFormProblems): JointVentureInput | null {
  if (!values.isJointVenture) return null;
  if (values.jointVentureName.trim() === "") problems["jointVenture.name"] = "required";
  const leadShare = parseSharePercent(values.leadShare);
  if (leadShare === null) problems["jointVenture.leadShareBasisPoints"] = values.leadShare.trim() === "" ? "required" : "shareFormat";
  if (values.jointVentureMembers.length === 0) problems["jointVenture.members"] = "memberRequired";
  const members = values.jointVentureMembers.map((member, index) => {
    if (member.organizationId === "") problems[`jointVenture.members.${index}.organizationId`] = "required";
    const share = parseSharePercent(member.share);
    if (share === null) problems[`jointVenture.members.${index}.shareBasisPoints`] = member.share.trim() === "" ? "required" : "shareFormat";
    return { organizationId: member.organizationId, shareBasisPoints: share ?? 0 };
  });
  const total = shareTotalBasisPoints(values);
  if (total !== null && total !== SHARE_BASIS_POINTS_TOTAL) problems.jointVenture = "sharesTotal";
  return { name: values.jointVentureName.trim(), leadShareBasisPoints: leadShare ?? 0, members };
}

const contractNumberPattern = new RegExp(CONTRACT_NUMBER_PATTERN);

/** Optional text goes only when filled in: the API stores a missing one as empty. */
function optionalText<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed === "" ? {} : ({ [key]: trimmed } as Record<K, string>);
}

function toContactInput(row: ContactRow): ContractContactInput {
  return {
    side: row.side,
    name: row.name.trim(),
    ...optionalText("department", row.department),
    ...optionalText("phone", row.phone),
    ...optionalText("email", row.email),
  };
}

type ContentBody = Omit<CreateContractBody, "contractNumber">;

/**
 * The body for POST (mode "create") or PUT (mode "update", with the version the edit started from), or the
 * problems the form can see by itself. Everything else (lengths, e-mail format, the contractor being a
 * counterparty) is the API's to judge; its field errors are shown on the same fields.
 */
export function toContractBody(values: ContractFormValues, mode: { kind: "create" }): { body: CreateContractBody } | { problems: ContractFormProblems };
export function toContractBody(
  values: ContractFormValues,
  mode: { kind: "update"; version: number },
): { body: UpdateContractBody } | { problems: ContractFormProblems };
export function toContractBody(
  values: ContractFormValues,
  mode: { kind: "create" } | { kind: "update"; version: number },
): { body: CreateContractBody | UpdateContractBody } | { problems: ContractFormProblems } {
  const problems: ContractFormProblems = {};
  const contractNumber = values.contractNumber.trim();
  if (contractNumber === "" && mode.kind === "update") problems.contractNumber = "required";
  else if (contractNumber !== "" && !contractNumberPattern.test(contractNumber)) problems.contractNumber = "contractNumberFormat";
  if (values.contractorOrganizationId === "") problems.contractorOrganizationId = "required";
  if (values.title.trim() === "") problems.title = "required";
  const amount = parseAmountInput(values.amount);
  if ("problem" in amount) problems.amount = amount.problem;
  for (const field of ["worksStartDate", "worksEndDate", "contractDate"] as const) {
    if (values[field] === "") problems[field] = "required";
  }
  // ISO dates compare correctly as text.
  if (values.worksStartDate && values.worksEndDate && values.worksStartDate > values.worksEndDate) problems.worksEndDate = "periodOrder";
  values.termsSections.forEach((section, index) => {
    if (section.heading.trim() === "") problems[`termsSections.${index}.heading`] = "required";
    if (section.body.trim() === "") problems[`termsSections.${index}.body`] = "required";
  });
  values.contacts.forEach((contact, index) => {
    if (contact.name.trim() === "") problems[`contacts.${index}.name`] = "required";
  });
  const jointVenture = toJointVentureInput(values, problems);
  if (Object.keys(problems).length > 0 || "problem" in amount) return { problems };

  const content: ContentBody = {
    contractorOrganizationId: values.contractorOrganizationId,
    title: values.title.trim(),
    amount: amount.amount,
    worksStartDate: values.worksStartDate,
    worksEndDate: values.worksEndDate,
    contractDate: values.contractDate,
    ...optionalText("place", values.place),
    termsSections: values.termsSections.map((section) => ({ heading: section.heading.trim(), body: section.body.trim() })),
    // In the order the form lists them, so the same choice always makes the same body.
    requiredGuarantees: [...values.requiredGuarantees],
    contacts: values.contacts.map(toContactInput),
    jointVenture,
  };
  if (mode.kind === "update") return { body: { contractNumber, ...content, version: mode.version } };
  return { body: contractNumber === "" ? content : { contractNumber, ...content } };
}

/** Moves the item at `index` one place up (-1) or down (+1); the list is returned unchanged at either end. */
export function moveItem<T>(items: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const moved = [...items];
  const [item] = moved.splice(index, 1);
  moved.splice(target, 0, item as T);
  return moved;
}
