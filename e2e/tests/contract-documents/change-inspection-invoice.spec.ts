// What follows a completed contract (issue 8), on the demo contract C-2026-000001 and its demo guarantee: the orderer
// drafts a change contract raising the amount and extending the works, the contractor signs it, the orderer signs it;
// both see that the linked guarantee no longer covers the contract and the contractor asks the surety for the change
// in one click; then the contractor requests the completion inspection, the orderer records and signs the result,
// the contractor signs an invoice and the orderer signs its receipt. Both representatives sign with keys made in
// browsers of their own (the contracts spec holds other keys for the same two users).
import { expect, test, type Page } from "@playwright/test";
import { approveCertificateRequests, openAs, requestCertificate } from "../support.ts";

const ORDERER = { email: "orderer@kr.demo.test", name: "김서연" };
const CONTRACTOR = { email: "contractor@kr.demo.test", name: "이민호" };
const CONTRACT_TITLE = "한빛시 중앙공원 보행교 설치공사";
const NEW_AMOUNT = "1300000000";

async function openContract(page: Page) {
  await page.goto("/contracts?view=all");
  await page.getByRole("link", { name: CONTRACT_TITLE }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: CONTRACT_TITLE, exact: false })).toBeVisible();
  await expect(page.getByText("After the contract")).toBeVisible();
}

async function openDocument(page: Page, label: string) {
  await openContract(page);
  await page.getByRole("link", { name: label }).click();
  await expect(page.getByRole("heading", { level: 1, name: label, exact: false })).toBeVisible();
}

async function sign(page: Page, panelHeading: string, expected: RegExp) {
  await page.getByRole("button", { name: "Sign", exact: true }).click();
  await expect(page.getByRole("heading", { name: panelHeading })).toBeVisible();
  await page.getByRole("group", { name: "Sign with" }).getByRole("radio").first().check();
  await page.getByRole("button", { name: "Sign with this certificate" }).click();
  const refusal = page.getByRole("alert");
  await expect(page.getByText(expected).or(refusal).first()).toBeVisible({ timeout: 60_000 });
  if (await refusal.count()) throw new Error(`Signing was refused: ${(await refusal.allInnerTexts()).join(" | ")}`);
}

async function send(page: Page) {
  await page.getByRole("button", { name: "Send for signature" }).click();
  await expect(page.getByText("Sent for signature.")).toBeVisible();
}

test("a change contract prompts a guarantee change; inspection, invoice and its receipt are signed in turn", async ({ browser }) => {
  test.setTimeout(300_000);
  const orderer = await openAs(browser, ORDERER.email);
  const contractor = await openAs(browser, CONTRACTOR.email);
  await requestCertificate(browser, orderer, ORDERER.name);
  await requestCertificate(browser, contractor, CONTRACTOR.name);
  await approveCertificateRequests(browser, [ORDERER.name, CONTRACTOR.name]);
  for (const page of [orderer, contractor]) {
    await page.reload();
    await expect(page.getByText("Valid").first()).toBeVisible();
  }

  // The orderer drafts and sends a change: more money, two more months.
  await openContract(orderer);
  await orderer.getByRole("link", { name: "Draft a change" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: "Draft a change contract" })).toBeVisible();
  await orderer.getByLabel("New contract amount (KRW)").fill(NEW_AMOUNT);
  await orderer.getByLabel("Works end date").fill("2027-11-30");
  await orderer.getByLabel("Reason for the change").fill("설계변경(보행교 난간 사양 변경)에 따른 계약금액 증액 및 공기 연장");
  await orderer.getByRole("button", { name: "Save draft" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: "Change contract No. 1", exact: false })).toBeVisible();
  await send(orderer);

  // The contractor signs first, then the orderer.
  await openDocument(contractor, "Change contract No. 1");
  await sign(contractor, "Sign the change contract", /^Your signature has been added\.$/);
  await orderer.reload();
  await sign(orderer, "Sign the change contract", /The document is complete/);

  // The demo guarantee covered the old amount and period: both sides see it, the contractor asks for the change.
  await openContract(contractor);
  const prompt = contractor.getByRole("heading", { name: "Guarantees to change" });
  await expect(prompt).toBeVisible();
  await expect(contractor.getByText("The contract amount rose above the amount guaranteed.")).toBeVisible();
  await expect(contractor.getByText("The works now end after the guarantee's period.")).toBeVisible();
  await contractor.getByRole("button", { name: "Ask the surety for this change" }).click();
  await expect(contractor.getByText("Change requested", { exact: true })).toBeVisible();
  await openContract(orderer);
  await expect(orderer.getByRole("heading", { name: "Guarantees to change" })).toBeVisible();
  await expect(orderer.getByText("Change requested", { exact: true })).toBeVisible();

  // The contractor requests the completion inspection; the orderer records a pass, sends and signs it.
  await contractor.getByRole("link", { name: "Request an inspection" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: "Request an inspection" })).toBeVisible();
  await contractor.getByLabel("Kind of inspection").selectOption({ label: "Completion inspection" });
  await contractor.getByLabel("Requested inspection date").fill("2027-11-30");
  await contractor.getByRole("button", { name: "Save draft" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: "Inspection No. 1", exact: false })).toBeVisible();

  await openDocument(orderer, "Inspection No. 1");
  await orderer.getByLabel("Inspected on").fill("2027-12-01");
  await orderer.getByRole("radio", { name: "Passed" }).check();
  await orderer.getByLabel("Inspected amount (KRW)").fill(NEW_AMOUNT);
  await orderer.getByRole("button", { name: "Save the result" }).click();
  await expect(orderer.getByText("The result is saved. Send the inspection, then sign it.")).toBeVisible();
  await send(orderer);
  await sign(orderer, "Sign the inspection result", /The document is complete/);

  // The contractor invoices what passed, signs it; the orderer signs its receipt.
  await openContract(contractor);
  await contractor.getByRole("link", { name: "Submit an invoice" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: "Submit an invoice" })).toBeVisible();
  await contractor.getByLabel("Amount claimed (KRW)").fill(NEW_AMOUNT);
  await contractor.getByLabel("Advance payment deducted (KRW)").fill("300000000");
  await contractor.getByLabel("Invoice date").fill("2027-12-05");
  await contractor.getByRole("button", { name: "Save draft" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: "Invoice No. 1", exact: false })).toBeVisible();
  await send(contractor);
  await sign(contractor, "Sign the invoice", /^Your signature has been added\.$/);

  await openDocument(orderer, "Invoice No. 1");
  await sign(orderer, "Sign the receipt of the invoice", /The document is complete/);

  // Where the contract stands: the new amount, all of it inspected, the net invoiced and received.
  await openContract(contractor);
  const standing = contractor.getByText("Invoices received by the orderer").locator("..");
  await expect(standing).toContainText("1,000,000,000");
  await expect(contractor.getByText("Current contract amount").locator("..")).toContainText("1,300,000,000");
});
